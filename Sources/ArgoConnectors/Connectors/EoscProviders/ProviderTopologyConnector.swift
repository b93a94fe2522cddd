import ArgoModel
import ArgoSystem

/// 2.3.1's `topology-provider-connector.py`: the EOSC provider portal
/// (../shared/spec/argo-connectors-2.3.1.md, 5.4), or its successor, the
/// EOSC Beyond provider API (upstream devel, ../shared/spec/argo-connectors-devel.md),
/// told apart by the listings' records (`PortalListings`); read with an OIDC
/// access token (`OIDCRefreshToken`) when one is configured, else
/// anonymously, as devel does: providers (`TopoFeedServiceGroups`),
/// resources (`TopoFeedServiceEndpoints`) and their monitoring extensions
/// (`TopoFeedServiceEndpointsExtensions`), each in `from`/`quantity` pages.
/// A PROJECT group per provider and resource; an `eu.eosc.portal.services.url`
/// endpoint per resource with its public contacts; an endpoint per
/// extension's monitoring group. IDs in host names made ASCII (`RemoveNonUTF`).
package struct ProviderTopologyConnector: Connector {
    package static let descriptor = ConnectorDescriptor(
        data: .topology, source: .eoscProviders, scriptNames: ["topology-provider-connector.py"],
        summary: "fetch 2.3.1 tenants' topology from the EOSC provider portal (OIDC)",
        details: "Writes group_groups and group_endpoints once per tenant: providers, resources and their extensions,\nread with an access token from OIDCRefreshToken; the rotated refresh token is kept in SaveDir/<Name>/.",
        generations: [.argo231], perCustomerIn: [.argo231], topoTypes: [.eoscProviders],
        options: [.topoFeedServiceGroups, .topoFeedServiceEndpoints, .topoFeedServiceEndpointsExtensions, .topoFeedPaging, .topoUIDServiceEndpoints,
                  .oidcRefreshToken, .oidcTokenEndpoint, .oidcClientId],
        rules: [.bothPortalLists(.eoscProviders, alsoCounting: [.topoFeedServiceEndpointsExtensions]), .oidcPair])

    package struct Feed: Hashable, Sendable {
        let providers: String
        let resources: String
        let extensions: String?
        let paging: Bool
        let uidHostnames: Bool
        /// Nil when every feed is a saved file (nothing to authenticate to).
        let token: OIDCRefreshToken?
    }

    static let webpageService = "eu.eosc.portal.services.url"

    private let http: any FeedTransport
    private let saveDir: String?

    package init(context: ConnectorContext) {
        http = context.http
        saveDir = context.saveDir
    }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> Feed? {
        guard let given = customer.tenant?.options, let providers = given.text(.topoFeedServiceGroups),
              let resources = given.text(.topoFeedServiceEndpoints) else { return nil }
        let extensions = given.text(.topoFeedServiceEndpointsExtensions)
        let offline = ([providers, resources] + (extensions.map { [$0] } ?? [])).allSatisfy(BaseURL.isFile)
        var token: OIDCRefreshToken?
        // OIDC is optional (upstream devel): without both options the portal is read anonymously.
        if !offline, let refreshToken = given.text(.oidcRefreshToken), let endpoint = given.text(.oidcTokenEndpoint) {
            token = OIDCRefreshToken(endpoint: CatalogueFeed.withoutQuery(endpoint), clientID: given.text(.oidcClientId) ?? "", configuredToken: refreshToken,
                                     file: saveDir.map { "\($0)/\(customer.name)/oidc-refresh-token.json" })
        }
        return Feed(providers: CatalogueFeed.withoutQuery(providers), resources: CatalogueFeed.withoutQuery(resources),
                    extensions: extensions.map(CatalogueFeed.withoutQuery), paging: given.flag(.topoFeedPaging),
                    uidHostnames: given.flag(.topoUIDServiceEndpoints), token: token)
    }

    package func describe(_ feed: Feed) -> String {
        ([feed.providers, feed.resources] + (feed.extensions.map { [$0] } ?? [])).map(RedactedURL.display).joined(separator: ", ")
    }

    package func fetch(_ feed: Feed) throws -> CatalogueTopology {
        let bearer = try feed.token.map { "Authorization: Bearer \(try $0.accessToken(with: http))" }
        let providers = try results(feed.providers, paging: feed.paging, bearer: bearer)
        let resources = try results(feed.resources, paging: feed.paging, bearer: bearer)
        let extensions = try feed.extensions.map { try results($0, paging: feed.paging, bearer: bearer) }
        let api = try PortalListings.api(providers: providers, resources: resources, extensions: extensions ?? [],
                                         urls: (feed.providers, feed.resources, feed.extensions))
        let listings = try PortalListings(api: api, providers: (feed.providers, providers), resources: (feed.resources, resources),
                                          extensions: feed.extensions.flatMap { url in extensions.map { (url, $0) } })
        return try Self.topology(listings, uidHostnames: feed.uidHostnames)
    }

    /// Every page's `results` (`{"total", "from", "to", "results"}`): paged,
    /// `?from=<to>&quantity=<to-from>` until `to` is `total`; unpaged, all
    /// at once (`?from=0&quantity=<total>`), as 2.3.1 asked. Each page is
    /// held to what was asked: its `from` the one asked, `to - from` its
    /// record count, `to` advancing and within `total`, `total` the same on
    /// every page and at most `[Connection] MaxRecords`; at most `MaxPages`
    /// pages; and the records gathered as many as `total` says. A portal
    /// that ignores `from`, lies about `total` or sends empty pages fails the
    /// run with the page it sent, rather than paging for ever or writing part.
    private func results(_ url: String, paging: Bool, bearer: String?) throws -> [(String, JSONValue)] {
        let limits = http.settings.connection
        let shown = RedactedURL.display(url)
        let page = { (query: String, from: Int) -> (total: Int, from: Int, to: Int, results: [JSONValue]) in
            let pageURL = url + query
            let document = try CatalogueFeed.json(pageURL, with: http, headers: bearer.map { [$0] } ?? [])
            let read: (total: Int, from: Int, to: Int, results: [JSONValue]) = try FeedError.reading(RedactedURL.display(pageURL)) {
                let number = { (key: String) throws -> Int in
                    guard case .number(let text) = try document.member(key, at: ""), let value = Int(text), value >= 0 else {
                        throw FormatError.expected("a count", at: key, found: document[key])
                    }
                    return value
                }
                return (try number("total"), try number("from"), try number("to"), try document.member("results", at: "").array(at: "results"))
            }
            let fail = { (why: String) in FeedError(kind: .content, url: RedactedURL.display(pageURL), reason: why + ": the listing is not whole; nothing written") }
            guard read.total <= limits.maxRecords else {
                throw fail("total \(read.total) is more than [Connection] MaxRecords (\(limits.maxRecords))")
            }
            guard read.from == from else { throw fail("the page asked from \(from) answers from \(read.from)") }
            guard read.to >= read.from, read.to <= read.total else { throw fail("the page from \(read.from) to \(read.to) is outside total \(read.total)") }
            guard read.results.count == read.to - read.from else {
                throw fail("the page from \(read.from) to \(read.to) holds \(read.results.count) records, not \(read.to - read.from)")
            }
            return read
        }
        var current = try page("", 0)
        guard paging else {
            let all = try page("?from=0&quantity=\(current.total)", 0)
            guard all.results.count == all.total else {
                throw FeedError(kind: .content, url: shown, reason: "asked for all \(all.total) records, it sent \(all.results.count): the listing is not whole; nothing written")
            }
            return all.results.enumerated().map { ("results[\($0)]", $1) }
        }
        var items = current.results
        var pages = 1
        while current.to != current.total {
            let size = current.to - current.from
            // A page that brings nothing before the end would be asked for for ever.
            guard size > 0 else {
                throw FeedError(kind: .content, url: shown,
                                reason: "page from \(current.from) to \(current.to) of \(current.total) does not advance: the listing is not whole; nothing written")
            }
            guard pages < limits.maxPages else {
                throw FeedError(kind: .content, url: shown, reason: "more than [Connection] MaxPages (\(limits.maxPages)) pages: the listing is not whole; nothing written")
            }
            let next = try page("?from=\(current.to)&quantity=\(size)", current.to)
            guard next.total == current.total else {
                throw FeedError(kind: .content, url: shown, reason: "total changed from \(current.total) to \(next.total) while paging: the listing is not whole; nothing written")
            }
            current = next
            pages += 1
            items += current.results
        }
        guard items.count == current.total else {
            throw FeedError(kind: .content, url: shown, reason: "\(items.count) records gathered where total says \(current.total): the listing is not whole; nothing written")
        }
        return items.enumerated().map { ("results[\($0)]", $1) }
    }

    /// How groups are named: 2.3.1 by IDs, Beyond (devel) by the
    /// provider's abbreviation and the resource's name, each trimmed
    /// (devel trimmed them in some records only, so that a resource's
    /// extensions could land in another group than the resource), and
    /// told apart by their ID where two share a name (devel merged them).
    private struct Naming {
        let provider: [String: String]
        let resource: [String: String]
        /// 2.3.1: `info_projectname` = the abbreviation; Beyond: `info_projectid` = the provider's ID.
        let projectTag: (PortalProvider) -> (String, String)

        init(_ listings: PortalListings, skipped: inout SkippedEntities) {
            switch listings.api {
            case .bundles:
                provider = Dictionary(listings.providers.map { ($0.id, $0.id) }, uniquingKeysWith: { first, _ in first })
                resource = Dictionary(listings.resources.map { ($0.id, $0.id) }, uniquingKeysWith: { first, _ in first })
                projectTag = { ("info_projectname", $0.abbreviation.trimmingWhitespace()) }
            case .beyond:
                provider = Self.distinct(listings.providers.map { ($0.id, $0.abbreviation) }, what: "providers sharing an abbreviation", skipped: &skipped)
                resource = Self.distinct(listings.resources.map { ($0.id, $0.name) }, what: "resources sharing a name", skipped: &skipped)
                projectTag = { ("info_projectid", $0.id.trimmingWhitespace()) }
            }
        }

        /// ID → trimmed name; a name that two IDs share becomes `NAME (ID)` for each, counted.
        private static func distinct(_ named: [(id: String, name: String)], what: String, skipped: inout SkippedEntities) -> [String: String] {
            var ids: [String: Set<String>] = [:]
            for (id, name) in named { ids[name.trimmingWhitespace(), default: []].insert(id) }
            var names: [String: String] = [:]
            for (id, name) in named where names[id] == nil {
                let trimmed = name.trimmingWhitespace()
                let shared = (ids[trimmed]?.count ?? 0) > 1
                if shared { skipped.add("\(what), told apart by their ID (not skipped)") }
                names[id] = shared ? "\(trimmed) (\(id.trimmingWhitespace()))" : trimmed
            }
            return names
        }
    }

    /// Groups per provider (feed order) and its resources; an endpoint per
    /// resource of a listed provider; an endpoint per check of each extension
    /// of a resource made so.
    static func topology(_ listings: PortalListings, uidHostnames: Bool) throws -> CatalogueTopology {
        var topology = CatalogueTopology()
        topology.skipped = listings.skipped
        let naming = Naming(listings, skipped: &topology.skipped)
        var known = Set<String>()
        var pairs = Set<[String]>()
        for provider in listings.providers {
            let tags = provider.tags.map { $0.trimmingWhitespace() }
            known.insert(provider.id)
            for resource in listings.resources where resource.provider == provider.id && pairs.insert([provider.id, resource.id]).inserted {
                let groupTags = (tags.isEmpty ? [] : [("provider_tags", tags.joined(separator: ", "))]) + [naming.projectTag(provider)]
                topology.groups.append(TenantGroupJSONRecord(json: .object([
                    ("type", .string("PROJECT")), ("group", .string(naming.provider[provider.id] ?? provider.id)),
                    ("subgroup", .string(naming.resource[resource.id] ?? resource.id)), ("tags", .stringObject(groupTags)),
                ])))
            }
        }
        /// Resource ID → (its group, its trimmed name), for extensions.
        var groups: [String: (group: String, name: String)] = [:]
        for resource in listings.resources where known.contains(resource.provider) {
            guard let webpage = resource.webpage?.trimmingWhitespace(), let host = URLHost.of(webpage) else {
                topology.skipped.add("resource without a webpage with a host")
                continue
            }
            let group = naming.resource[resource.id] ?? resource.id
            let tags = (resource.tags.isEmpty ? [] : [("service_tags", resource.tags.map { $0.trimmingWhitespace() }.joined(separator: ", "))])
                + [("info_URL", webpage), ("info_ID", resource.id.trimmingWhitespace()), ("info_groupname", resource.name.trimmingWhitespace())]
                + (uidHostnames ? [("hostname", host)] : [])
            topology.endpoints.append(TenantEndpointRecord(json: .object([
                ("type", .string("SERVICEGROUPS")), ("service", .string(webpageService)), ("group", .string(group)),
                ("hostname", .string(uidHostnames ? "\(host)_\(try RemoveNonUTF.ascii(resource.id))" : host)), ("tags", .stringObject(tags)),
            ] + Notifications.member(resource.contacts))))
            groups[resource.id] = (group, resource.name.trimmingWhitespace())
        }
        for ext in listings.extensions {
            guard let (group, name) = groups[ext.resourceID] else { continue }
            for (serviceType, endpoint) in ext.checks {
                let host = URLHost.of(endpoint) ?? endpoint
                let infoID = urlPathID(endpoint).map { "\(ext.id)_\($0)" } ?? ext.id
                let tags = [("info_URL", endpoint), ("info_ID", infoID)] + (ext.monitoredBy.map { [("info_monitored_by", $0)] } ?? [])
                    + [("info_groupname", name)] + (uidHostnames ? [("hostname", host)] : [])
                topology.endpoints.append(TenantEndpointRecord(json: .object([
                    ("type", .string("SERVICEGROUPS")), ("service", .string(serviceType)), ("group", .string(group)),
                    ("hostname", .string(uidHostnames ? "\(host)_\(infoID)" : host)), ("tags", .stringObject(tags)),
                ])))
            }
        }
        return topology
    }

    /// 2.3.1's `build_urlpath_id`: a UUID of the URL's path (its slashes
    /// removed) when the URL has a scheme and a path; nil otherwise.
    static func urlPathID(_ url: String) -> String? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let afterHost = url[schemeEnd.upperBound...].drop { $0 != "/" && $0 != "?" && $0 != "#" }
        let path = afterHost.prefix { $0 != "?" && $0 != "#" }.filter { $0 != "/" }
        return path.isEmpty ? nil : UUID3.string(namespace: UUID3.urlNamespace, name: String(path))
    }

    package func produce(_ data: CatalogueTopology, for target: JobTarget) throws -> JobProduct { data.product }
}

extension SourceOption {
    /// The providers' monitoring extensions.
    package static let topoFeedServiceEndpointsExtensions = SourceOption("TopoFeedServiceEndpointsExtensions", at: .customer, [.argo231], address: .feed([.topology]))
    package static let oidcRefreshToken = SourceOption("OIDCRefreshToken", at: .customer, [.argo231], secret: true)
    package static let oidcTokenEndpoint = SourceOption("OIDCTokenEndpoint", at: .customer, [.argo231], address: .endpoint([.topology]))
    package static let oidcClientId = SourceOption("OIDCClientId", at: .customer, [.argo231])
}

extension SourceRule {
    /// OIDC is optional (upstream devel: anonymous without both); one of the pair alone is a slip.
    static let oidcPair = SourceRule(.tenants(of: .eoscProviders), stops: .topology) { context in
        let pair: [SourceOption] = [.oidcRefreshToken, .oidcTokenEndpoint]
        guard let given = pair.first(where: context.settings.has), let lacking = pair.first(where: { !context.settings.has($0) }) else { return }
        context.warning(context.line(given) ?? context.sectionLine,
                        "has \(given.name) but no \(lacking.name): the portal is read anonymously, without a token")
    }
}
