import ArgoModel
import ArgoSystem

/// 2.3.1's `topology-agora-connector.py`: NI4OS's Agora catalogue
/// (../shared/spec/argo-connectors-2.3.1.md, 5.5): a PROVIDERS group per
/// provider, a `catalog.service.entry` endpoint per resource and public
/// provider, a `catalog.provider.entry` endpoint per provider; IDs and
/// names made ASCII (`ASCIITransliteration`, for 2.3.1's unidecode).
package struct AgoraTopologyConnector: Connector {
    package static let descriptor = ConnectorDescriptor(
        data: .topology, source: .agora, scriptNames: ["topology-agora-connector.py"],
        summary: "fetch 2.3.1 tenants' topology from NI4OS Agora (providers and resources)",
        details: "Writes group_groups and group_endpoints once per tenant: TopoFeedServiceGroups (providers) and\nTopoFeedServiceEndpoints (resources), JSON lists.",
        generations: [.argo231], perCustomerIn: [.argo231], topoTypes: [.agora],
        options: [.topoFeedServiceGroups, .topoFeedServiceEndpoints], rules: [.bothPortalLists(.agora)])

    package struct Feed: Hashable, Sendable {
        let providers: String
        let resources: String
    }

    static let catalogue = "https://catalogue.ni4os.eu/?_="
    static let host = "agora.ni4os.eu"

    private let http: any FeedTransport

    package init(context: ConnectorContext) { http = context.http }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> Feed? {
        guard let given = customer.tenant?.options, let providers = given.text(.topoFeedServiceGroups),
              let resources = given.text(.topoFeedServiceEndpoints) else { return nil }
        return Feed(providers: CatalogueFeed.withoutQuery(providers), resources: CatalogueFeed.withoutQuery(resources))
    }

    package func describe(_ feed: Feed) -> String { "\(RedactedURL.display(feed.providers)), \(RedactedURL.display(feed.resources))" }

    package func fetch(_ feed: Feed) throws -> CatalogueTopology {
        let providers = try CatalogueFeed.json(feed.providers, with: http)
        let resources = try CatalogueFeed.json(feed.resources, with: http)
        var topology = CatalogueTopology()
        try FeedError.reading(RedactedURL.display(feed.providers)) { try Self.addProviders(providers, to: &topology) }
        try FeedError.reading(RedactedURL.display(feed.resources)) { try Self.addResources(resources, to: &topology) }
        try Self.addProviderEntries(providers, to: &topology)
        return topology
    }

    private static func addProviders(_ document: JSONValue, to topology: inout CatalogueTopology) throws {
        for (index, provider) in try document.array(at: "").enumerated() {
            let path = "[\(index)]"
            let id = try provider.string("id", at: path)
            topology.groups.append(TenantGroupJSONRecord(json: .object([
                ("group", .string("NI4OS Providers")), ("type", .string("PROVIDERS")),
                ("subgroup", .string(try ASCIITransliteration.ascii(try provider.string("epp_bai_id", at: path)))),
                ("tags", .stringObject([("info_ext_catalog_id", try ASCIITransliteration.ascii(id)), ("info_ext_catalog_type", "provider"),
                                        ("info_ext_catalog_url", try ASCIITransliteration.ascii("\(catalogue)/providers/\(id)")),
                                        ("info_ext_name", try ASCIITransliteration.ascii(try provider.string("epp_bai_name", at: path)))])),
            ])))
        }
    }

    /// A resource's endpoint in each of its public providers' groups.
    private static func addResources(_ document: JSONValue, to topology: inout CatalogueTopology) throws {
        for (index, resource) in try document.array(at: "").enumerated() {
            let path = "[\(index)]"
            let providers = try resource.member("erp_bai_providers_public", at: path).array(at: "\(path).erp_bai_providers_public")
            guard !providers.isEmpty else { topology.skipped.add("resource without a public provider"); continue }
            guard let resourceID = resource["erp_bai_id"]?.stringValue else { topology.skipped.add("resource without erp_bai_id"); continue }
            let id = try resource.string("id", at: path)
            let infoID = try RemoveNonUTF.ascii(try ASCIITransliteration.ascii(resourceID.lowercased().replacing(" ", with: "_")))
            let tags: [(String, String)] = [("hostname", host), ("info_ID", infoID), ("info_ext_catalog_id", try ASCIITransliteration.ascii(id)),
                                            ("info_ext_catalog_type", "resource"),
                                            ("info_ext_catalog_url", "\(catalogue)/resources/\(try ASCIITransliteration.ascii(id))"),
                                            ("info_ext_name", try ASCIITransliteration.ascii(try resource.string("erp_bai_name", at: path)))]
            for (position, provider) in providers.enumerated() {
                let group = try provider.string("epp_bai_id", at: "\(path).erp_bai_providers_public[\(position)]")
                topology.endpoints.append(try endpoint(group: try ASCIITransliteration.ascii(group), service: "catalog.service.entry", infoID: infoID, tags: tags))
            }
        }
    }

    /// Each provider as an endpoint of its own group (2.3.1's "artificial resource").
    private static func addProviderEntries(_ document: JSONValue, to topology: inout CatalogueTopology) throws {
        for provider in document.arrayValue ?? [] {
            guard let providerID = provider["epp_bai_id"]?.stringValue, let id = provider["id"]?.stringValue else { continue }
            let infoID = try RemoveNonUTF.ascii(try ASCIITransliteration.ascii(providerID.lowercased().replacing(" ", with: "_").replacing(",", with: "")))
            topology.endpoints.append(try endpoint(group: try ASCIITransliteration.ascii(providerID), service: "catalog.provider.entry", infoID: infoID, tags: [
                ("hostname", host), ("info_ID", infoID), ("info_ext_catalog_id", try ASCIITransliteration.ascii(id)), ("info_ext_catalog_type", "provider"),
                ("info_ext_catalog_url", "\(catalogue)/providers/\(try ASCIITransliteration.ascii(id))"),
                ("info_ext_name", try ASCIITransliteration.ascii(provider["epp_bai_name"]?.stringValue ?? "")),
            ]))
        }
    }

    private static func endpoint(group: String, service: String, infoID: String, tags: [(String, String)]) throws -> TenantEndpointRecord {
        TenantEndpointRecord(json: .object([("group", .string(group)), ("type", .string("SERVICEGROUPS")), ("service", .string(service)),
                                            ("hostname", .string(try RemoveNonUTF.ascii("\(host)_\(infoID)"))), ("tags", .stringObject(tags))]))
    }

    package func produce(_ data: CatalogueTopology, for target: JobTarget) throws -> JobProduct { data.product }
}
