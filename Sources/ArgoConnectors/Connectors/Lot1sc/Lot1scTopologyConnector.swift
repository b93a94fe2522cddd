import ArgoModel
import ArgoSystem

/// 2.3.1's `topology-lot1sc-connector.py`: the EOSC Future LOT1 service
/// catalogue (../shared/spec/argo-connectors-2.3.1.md, 5.6), one fetch per
/// tier of `TopoTiers` (`TopoFeed` + tier): an endpoint per monitored
/// service type of each endpoint of each site of each service monitoring,
/// a PROJECT group per provider's service that has endpoints, tagged with
/// the tier. Unlike 2.3.1, it publishes, and each service keeps its own group.
package struct Lot1scTopologyConnector: Connector {
    package static let descriptor = ConnectorDescriptor(
        data: .topology, source: .lot1sc, scriptNames: ["topology-lot1sc-connector.py"],
        summary: "fetch 2.3.1 tenants' topology from the LOT1 service catalogue, tier by tier",
        details: "Writes group_groups and group_endpoints once per tenant: TopoFeed with each TopoTiers tier appended.",
        generations: [.argo231], perCustomerIn: [.argo231], topoTypes: [.lot1sc],
        options: [.topoFeed, .topoTiers, .topoUIDServiceEndpoints], rules: [.tiersWithFeed])

    package struct Feed: Hashable, Sendable {
        let base: String
        let tiers: [String]
        let endpointType: String
        let uidHostnames: Bool

        func url(tier: String) -> String { base + (base.contains("?") ? "" : "?") + tier }
    }

    private let http: any FeedTransport

    package init(context: ConnectorContext) { http = context.http }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> Feed? {
        guard let tenant = customer.tenant, let base = tenant.options.text(.topoFeed) else { return nil }
        let tiers = tenant.options.list(.topoTiers)
        guard !tiers.isEmpty else { return nil }
        return Feed(base: base, tiers: tiers, endpointType: (tenant.topoFetchTypes.first ?? "ServiceGroups").uppercased(),
                    uidHostnames: tenant.options.flag(.topoUIDServiceEndpoints))
    }

    package func describe(_ feed: Feed) -> String { RedactedURL.display(feed.base) }

    package func fetch(_ feed: Feed) throws -> CatalogueTopology {
        var topology = CatalogueTopology()
        for tier in feed.tiers {
            let url = feed.url(tier: tier)
            let document = try CatalogueFeed.json(url, with: http)
            try FeedError.reading(RedactedURL.display(url)) { try Self.add(document, tier: tier, feed: feed, to: &topology) }
        }
        return topology
    }

    private static func add(_ document: JSONValue, tier: String, feed: Feed, to topology: inout CatalogueTopology) throws {
        let providers = try document.member("result", at: "").array(at: "result")
        for (providerIndex, provider) in providers.enumerated() {
            let providerPath = "result[\(providerIndex)]"
            let providerID = try provider["providerId"].map { try $0.text(at: "\(providerPath).providerId") } ?? ""
            // Its ID names the groups: without one (or with one no name can be), the provider is left out.
            guard !providerID.isEmpty, FlatRows.isNameText(providerID) else {
                topology.skipped.add("provider without a providerId that can name a group", at: providerPath)
                continue
            }
            for (serviceIndex, service) in try list(provider, "serviceMonitorings", at: providerPath).enumerated() {
                let servicePath = "\(providerPath).serviceMonitorings[\(serviceIndex)]"
                let serviceName = try text(service, "name", at: servicePath)
                guard !serviceName.isEmpty, FlatRows.isNameText(serviceName) else {
                    topology.skipped.add("service without a name that can name a group", at: servicePath)
                    continue
                }
                var made = 0
                for (siteIndex, site) in try list(service, "sites", at: servicePath).enumerated() {
                    let sitePath = "\(servicePath).sites[\(siteIndex)]"
                    let siteName = try text(site, "name", at: sitePath)
                    for (endpointIndex, endpoint) in try list(site, "endpoints", at: sitePath).enumerated() {
                        let endpointPath = "\(sitePath).endpoints[\(endpointIndex)]"
                        let name = try text(endpoint, "name", at: endpointPath), url = try text(endpoint, "url", at: endpointPath)
                        guard [name, url, siteName].allSatisfy(FlatRows.isNameText) else {
                            topology.skipped.add("endpoint with a control character or invalid UTF-8 in a name or url", at: endpointPath)
                            continue
                        }
                        guard let host = URLHost.of(url) else { topology.skipped.add("endpoint whose url has no host"); continue }
                        for (typeIndex, type) in try list(endpoint, "monitoringServiceTypes", at: endpointPath).enumerated() {
                            let serviceType = try type.text(at: "\(endpointPath).monitoringServiceTypes[\(typeIndex)]")
                            let id = UUID3.string(namespace: UUID3.dnsNamespace, name: name + serviceType)
                            let tags = [("site_name", siteName), ("service_name", name), ("info_URL", url), ("tier", tier)]
                                + (feed.uidHostnames ? [("info_ID", id)] : [])
                            topology.endpoints.append(TenantEndpointRecord(json: .object([
                                ("type", .string(feed.endpointType)), ("group", .string(serviceName)), ("tags", .stringObject(tags)),
                                ("service", .string(serviceType)), ("hostname", .string(feed.uidHostnames ? "\(host)_\(id)" : host)),
                            ])))
                            made += 1
                        }
                    }
                }
                guard made > 0 else { continue }
                topology.groups.append(TenantGroupJSONRecord(json: .object([
                    ("type", .string("PROJECT")), ("group", .string(providerID)), ("subgroup", .string(serviceName)),
                    ("tags", .stringObject([("tier", tier)])),
                ])))
            }
        }
    }

    /// An optional list member (absent: empty).
    private static func list(_ value: JSONValue, _ key: String, at path: String) throws -> [JSONValue] {
        guard let member = value[key], member != .null else { return [] }
        return try member.array(at: "\(path).\(key)")
    }

    /// An optional text member (absent: "").
    private static func text(_ value: JSONValue, _ key: String, at path: String) throws -> String {
        guard let member = value[key], member != .null else { return "" }
        return try member.text(at: "\(path).\(key)")
    }

    package func produce(_ data: CatalogueTopology, for target: JobTarget) throws -> JobProduct { data.product }
}

extension SourceOption {
    /// The tiers, lower-cased.
    package static let topoTiers = SourceOption("TopoTiers", at: .customer, [.argo231], kind: .lowercasedList)
}

extension SourceRule {
    /// TopoFeed is the catalogue's base: without tiers there is nothing to ask.
    static let tiersWithFeed = SourceRule(.tenants(of: .lot1sc), stops: .topology) { context in
        guard context.settings.has(.topoFeed) else { return }
        context.requireAll(of: [.topoTiers], for: "TopoType = \(DataSource.lot1sc.rawValue)", line: context.sectionLine)
    }
}
