import ArgoModel
import ArgoSystem

/// 2.3.1's `topology-provider-connector.py`: the EOSC provider portal
/// (../shared/spec/argo-connectors-2.3.1.md, 5.4), read with an OIDC access
/// token (`OIDCRefreshToken`): providers (`TopoFeedServiceGroups`),
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
        jobOptions: [], generations: [.argo231], perCustomerIn: [.argo231], topoTypes: [.eoscProviders])

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

    private let http: HTTPClient
    private let saveDir: String?

    package init(context: ConnectorContext) {
        http = context.http
        saveDir = context.saveDir
    }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> Feed? {
        guard let tenant = customer.tenant, let providers = tenant.topoFeedServiceGroups, let resources = tenant.topoFeedServiceEndpoints else { return nil }
        let offline = ([providers, resources] + (tenant.topoFeedServiceEndpointsExtensions.map { [$0] } ?? [])).allSatisfy(BaseURL.isFile)
        var token: OIDCRefreshToken?
        if !offline {
            // validate-config refuses a portal tenant without these (ConfigChecks).
            guard let refreshToken = tenant.oidcRefreshToken, let endpoint = tenant.oidcTokenEndpoint else { return nil }
            token = OIDCRefreshToken(endpoint: CatalogueFeed.withoutQuery(endpoint), clientID: tenant.oidcClientId ?? "", configuredToken: refreshToken,
                                     file: saveDir.map { "\($0)/\(customer.name)/oidc-refresh-token.json" })
        }
        return Feed(providers: CatalogueFeed.withoutQuery(providers), resources: CatalogueFeed.withoutQuery(resources),
                    extensions: tenant.topoFeedServiceEndpointsExtensions.map(CatalogueFeed.withoutQuery), paging: tenant.topoFeedPaging,
                    uidHostnames: tenant.topoUIDServiceEndpoints, token: token)
    }

    package func describe(_ feed: Feed) -> String {
        ([feed.providers, feed.resources] + (feed.extensions.map { [$0] } ?? [])).map(RedactedURL.display).joined(separator: ", ")
    }

    package func fetch(_ feed: Feed) throws -> CatalogueTopology {
        let bearer = try feed.token.map { "Authorization: Bearer \(try $0.accessToken(with: http))" }
        let providers = try results(feed.providers, paging: feed.paging, bearer: bearer)
        let resources = try results(feed.resources, paging: feed.paging, bearer: bearer)
        let extensions = try feed.extensions.map { try results($0, paging: feed.paging, bearer: bearer) }
        var topology = CatalogueTopology()
        let groupNames = try FeedError.reading(RedactedURL.display(feed.resources)) {
            try Self.add(providers: providers, resources: resources, uidHostnames: feed.uidHostnames, to: &topology)
        }
        if let extensions, let url = feed.extensions {
            try FeedError.reading(RedactedURL.display(url)) {
                try Self.add(extensions: extensions, groupNames: groupNames, uidHostnames: feed.uidHostnames, to: &topology)
            }
        }
        return topology
    }

    /// Every page's `results` (`{"total", "from", "to", "results"}`): paged,
    /// `?from=<to>&quantity=<to-from>` until `to` is `total`; unpaged, all
    /// at once (`?from=0&quantity=<total>`), as 2.3.1 asked.
    private func results(_ url: String, paging: Bool, bearer: String?) throws -> [(String, JSONValue)] {
        let page = { (query: String) -> (total: Int, from: Int, to: Int, results: [JSONValue]) in
            let pageURL = url + query
            let document = try CatalogueFeed.json(pageURL, with: http, headers: bearer.map { [$0] } ?? [])
            return try FeedError.reading(RedactedURL.display(pageURL)) {
                let number = { (key: String) throws -> Int in
                    guard case .number(let text) = try document.member(key, at: ""), let value = Int(text), value >= 0 else {
                        throw FormatError.expected("a count", at: key, found: document[key])
                    }
                    return value
                }
                return (try number("total"), try number("from"), try number("to"), try document.member("results", at: "").array(at: "results"))
            }
        }
        var current = try page("")
        guard paging else {
            let all = try page("?from=0&quantity=\(current.total)")
            return all.results.enumerated().map { ("results[\($0)]", $1) }
        }
        var items = current.results
        while current.to != current.total {
            let size = current.to - current.from
            // A page that brings nothing before the end would be asked for forever.
            guard size > 0, current.to < current.total else {
                throw FeedError(kind: .content, url: RedactedURL.display(url),
                                reason: "page from \(current.from) to \(current.to) of \(current.total) does not advance: the listing is not whole")
            }
            current = try page("?from=\(current.to)&quantity=\(size)")
            items += current.results
        }
        return items.enumerated().map { ("results[\($0)]", $1) }
    }

    /// Groups per provider (feed order) and its resources; an endpoint per
    /// resource of a listed provider. Returns resource ID → name (for extensions).
    private static func add(providers: [(String, JSONValue)], resources: [(String, JSONValue)], uidHostnames: Bool,
                            to topology: inout CatalogueTopology) throws -> [String: String] {
        struct Resource { let id, name, provider: String; let webpage: String?; let tags: [String]; let contacts: [String] }
        let listed: [Resource] = try resources.compactMap { path, item in
            let service = try item.member("service", at: path)
            let servicePath = "\(path).service"
            guard let name = service["name"]?.stringValue, !name.isEmpty else { topology.skipped.add("resource without a name"); return nil }
            var tags = try strings(service, "tags", at: servicePath)
            let extras = item["resourceExtras"]
            if service["horizontalService"] == .bool(true) || extras?["horizontalService"] == .bool(true) { tags.append("horizontalService") }
            let contacts = (service["publicContacts"]?.arrayValue ?? []).compactMap { $0["email"]?.stringValue }.filter { !$0.isEmpty }
            return Resource(id: try service.string("id", at: servicePath), name: name,
                            provider: try service.string("resourceOrganisation", at: servicePath),
                            webpage: service["webpage"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }, tags: tags, contacts: contacts)
        }
        var known = Set<String>()
        var pairs = Set<[String]>()
        for (path, item) in providers {
            let provider = try item.member("provider", at: path)
            let providerPath = "\(path).provider"
            guard let website = provider["website"]?.stringValue, !website.isEmpty else { topology.skipped.add("provider without a website"); continue }
            let id = try provider.string("id", at: providerPath)
            let abbreviation = try provider.string("abbreviation", at: providerPath).trimmingWhitespace()
            let tags = try strings(provider, "tags", at: providerPath).map { $0.trimmingWhitespace() }
            known.insert(id)
            for resource in listed where resource.provider == id && pairs.insert([id, resource.id]).inserted {
                let groupTags = (tags.isEmpty ? [] : [("provider_tags", tags.joined(separator: ", "))]) + [("info_projectname", abbreviation)]
                topology.groups.append(TenantGroupJSONRecord(json: .object([
                    ("type", .string("PROJECT")), ("group", .string(id)), ("subgroup", .string(resource.id)), ("tags", .stringObject(groupTags)),
                ])))
            }
        }
        var groupNames: [String: String] = [:]
        for resource in listed where known.contains(resource.provider) {
            guard let webpage = resource.webpage?.trimmingWhitespace(), let host = URLHost.of(webpage) else {
                topology.skipped.add("resource without a webpage with a host")
                continue
            }
            let tags = (resource.tags.isEmpty ? [] : [("service_tags", resource.tags.map { $0.trimmingWhitespace() }.joined(separator: ", "))])
                + [("info_URL", webpage), ("info_ID", resource.id.trimmingWhitespace()), ("info_groupname", resource.name.trimmingWhitespace())]
                + (uidHostnames ? [("hostname", host)] : [])
            topology.endpoints.append(TenantEndpointRecord(json: .object([
                ("type", .string("SERVICEGROUPS")), ("service", .string(webpageService)), ("group", .string(resource.id)),
                ("hostname", .string(uidHostnames ? "\(host)_\(RemoveNonUTF.ascii(resource.id))" : host)), ("tags", .stringObject(tags)),
            ] + Notifications.member(resource.contacts))))
            groupNames[resource.id] = resource.name.trimmingWhitespace()
        }
        return groupNames
    }

    /// An endpoint per monitoring group of each extension of a resource made above.
    private static func add(extensions: [(String, JSONValue)], groupNames: [String: String], uidHostnames: Bool,
                            to topology: inout CatalogueTopology) throws {
        for (path, item) in extensions {
            let serviceID = try item.string("serviceId", at: path)
            guard let groupName = groupNames[serviceID] else { continue }
            let id = try item.string("id", at: path)
            let monitoredBy = try item["monitoredBy"].map { try $0.text(at: "\(path).monitoredBy") } ?? ""
            for (index, group) in try item.member("monitoringGroups", at: path).array(at: "\(path).monitoringGroups").enumerated() {
                let groupPath = "\(path).monitoringGroups[\(index)]"
                let endpoint = try group.string("endpoint", at: groupPath)
                let host = URLHost.of(endpoint) ?? endpoint
                let pathID = urlPathID(endpoint)
                let infoID = pathID.map { "\(id)_\($0)" } ?? id
                let tags = [("info_URL", endpoint), ("info_ID", infoID), ("info_monitored_by", monitoredBy), ("info_groupname", groupName)]
                    + (uidHostnames ? [("hostname", host)] : [])
                topology.endpoints.append(TenantEndpointRecord(json: .object([
                    ("type", .string("SERVICEGROUPS")), ("service", .string(try group.string("serviceType", at: groupPath))), ("group", .string(serviceID)),
                    ("hostname", .string(uidHostnames ? "\(host)_\(infoID)" : host)), ("tags", .stringObject(tags)),
                ])))
            }
        }
    }

    /// 2.3.1's `build_urlpath_id`: a UUID of the URL's path (its slashes
    /// removed) when the URL has a scheme and a path; nil otherwise.
    static func urlPathID(_ url: String) -> String? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let afterHost = url[schemeEnd.upperBound...].drop { $0 != "/" && $0 != "?" && $0 != "#" }
        let path = afterHost.prefix { $0 != "?" && $0 != "#" }.filter { $0 != "/" }
        return path.isEmpty ? nil : UUID3.string(namespace: UUID3.urlNamespace, name: String(path))
    }

    private static func strings(_ value: JSONValue, _ key: String, at path: String) throws -> [String] {
        guard let member = value[key], member != .null else { return [] }
        return try member.array(at: "\(path).\(key)").enumerated().map { try $1.text(at: "\(path).\(key)[\($0)]") }
    }

    package func produce(_ data: CatalogueTopology, for target: JobTarget) throws -> JobProduct { data.product }
}
