import ArgoModel
import ArgoSystem

/// argo-connectors 2.3.1's `service-types-gocdb-connector.py`: a tenant's
/// service types from GOCDB (`get_service_types`), tagged `topology`, with
/// the WEB-API's own ones tagged `poem` (unless `--initial`), sorted by name
/// in any case → the WEB-API's `topology/service-types`, once per tenant.
/// No file, as in 2.3.1.
package struct GocdbServiceTypesConnector: Connector {
    package static let descriptor = ConnectorDescriptor(
        data: .serviceTypes, source: .gocdb, scriptNames: ["service-types-gocdb-connector.py"],
        summary: "send 2.3.1 tenants' GOCDB service types to the WEB-API",
        details: "Posts topology/service-types once per 2.3.1 tenant: GOCDB's (ServiceTypesFeed, else TopoFeed)\nwith the WEB-API's own poem ones. Writes no file.",
        jobOptions: [], generations: [.argo231], perCustomerIn: [.argo231], stateName: "services",
        flags: [.init(name: "initial", help: "do not keep the WEB-API's existing poem service types (the first run of a tenant)")])

    /// GOCDB to ask, and the WEB-API whose poem types are kept (nil with --initial).
    package struct Feed: Hashable, Sendable {
        let gocdb: GocdbEndpoint
        let webAPI: WebAPIDestination?
    }

    /// What both sources gave.
    package struct ServiceTypes: Sendable {
        var gocdb: [ServiceTypeRecord]
        var poem: [ServiceTypeRecord]
        var skipped: SkippedEntities
    }

    private let client: GocdbClient
    private let webAPIHTTP: HTTPClient
    private let date: RunDate
    private let keepsWebAPITypes: Bool

    package init(context: ConnectorContext) {
        client = GocdbClient(http: context.http)
        webAPIHTTP = context.tokenServiceHTTP
        date = context.date
        keepsWebAPITypes = !context.flags.contains("initial")
    }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> Feed? {
        guard let tenant = customer.tenant else { return nil }
        let gocdb: GocdbEndpoint
        if let url = tenant.serviceTypesFeed {
            gocdb = GocdbEndpoint(requestURL: url, authentication: customer.authentication)
        } else if let base = tenant.topoFeed {
            gocdb = GocdbEndpoint(feed: base, authentication: customer.authentication)
        } else {
            return nil
        }
        return Feed(gocdb: gocdb, webAPI: keepsWebAPITypes ? WebAPIDestination(customer.webAPI) : nil)
    }

    package func describe(_ feed: Feed) -> String { RedactedURL.display(feed.gocdb.base) }

    package func fetch(_ feed: Feed) throws -> ServiceTypes {
        let list = GocdbEntityList<ServiceTypeField>()
        try client.fetch(.getServiceTypes, from: feed.gocdb, scope: nil, paging: false, into: list)
        // GOCDB always has service types: none is a broken answer, not a day to publish.
        guard !list.entities.isEmpty else {
            throw FeedError(kind: .content, url: RedactedURL.display(feed.gocdb.url(.getServiceTypes, parameters: [])),
                            reason: "no service type listed: nothing posted, the WEB-API's day kept")
        }
        var skipped = SkippedEntities()
        let gocdb = list.entities.compactMap { entity -> ServiceTypeRecord? in
            guard let name = entity[.name] else { skipped.add("SERVICE_TYPE without SERVICE_TYPE_NAME"); return nil }
            return ServiceTypeRecord(name: name, description: entity[.description] ?? "", tags: [ServiceTypeRecord.topologyTag])
        }
        guard let webAPI = feed.webAPI else { return ServiceTypes(gocdb: gocdb, poem: [], skipped: skipped) }
        let request = webAPI.request(webAPI.url("topology/service-types", date: date))
        let answer = try webAPIHTTP.fetch(request)
        let poem = try FeedError.reading(request.displayURL) { try Self.poemTypes(from: JSONParser.parse(answer)) }
        return ServiceTypes(gocdb: gocdb, poem: poem, skipped: skipped)
    }

    /// The WEB-API's service types tagged `poem` (no tags count as `poem`, as in 2.3.1).
    static func poemTypes(from document: JSONValue) throws -> [ServiceTypeRecord] {
        try document.member("data", at: "").array(at: "data").enumerated().compactMap { index, entry in
            let path = "data[\(index)]"
            let tags = (entry["tags"]?.arrayValue ?? []).compactMap(\.stringValue)
            guard tags.isEmpty || tags.contains(ServiceTypeRecord.poemTag) else { return nil }
            let description = entry["description"]?.stringValue ?? ""
            return ServiceTypeRecord(name: try entry.string("name", at: path),
                                     description: try FieldLimit.checked(description, at: "\(path).description"),
                                     tags: tags.isEmpty ? [ServiceTypeRecord.poemTag] : tags)
        }
    }

    package func produce(_ data: ServiceTypes, for target: JobTarget) throws -> JobProduct {
        // GOCDB's sorted, then the union sorted (stable, so GOCDB's come first among equal names),
        // by name in any case (Python's `sorted(key=str.lower)`), as 2.3.1.
        let byName = { (type: ServiceTypeRecord) in type.name.lowercased() }
        let union = data.gocdb.stableSorted(byText: byName) + data.poem
        return JobProduct(recordSets: [RecordSet(union.stableSorted(byText: byName))],
                          summary: "Fetched Service types:\(data.gocdb.count) from GOCDB, \(data.poem.count) poem from the WEB-API",
                          warnings: data.skipped.warnings)
    }
}
