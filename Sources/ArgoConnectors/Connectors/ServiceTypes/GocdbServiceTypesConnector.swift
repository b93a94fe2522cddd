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
        generations: [.argo231], perCustomerIn: [.argo231], stateName: "services",
        flags: [WebAPIServiceTypes.initialFlag], topoTypes: [.gocdb], options: [.serviceTypesFeed, .topoFeed])

    /// GOCDB to ask, and the WEB-API whose poem types are kept (nil with --initial).
    package struct Feed: Hashable, Sendable {
        let gocdb: GocdbEndpoint
        let webAPI: WebAPIDestination?
    }

    /// What both sources gave.
    package struct ServiceTypes: Sendable {
        var gocdb: [ServiceTypeRecord]
        /// Nil with `--initial`.
        var poem: [ServiceTypeRecord]?
        var skipped: SkippedEntities
    }

    private let client: GocdbClient
    private let http: any FeedTransport
    private let date: RunDate
    private let flags: Set<String>

    package init(context: ConnectorContext) {
        client = GocdbClient(http: context.http)
        http = context.http
        date = context.date
        flags = context.flags
    }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> Feed? {
        guard let tenant = customer.tenant else { return nil }
        let gocdb: GocdbEndpoint
        if let url = tenant.options.text(.serviceTypesFeed) {
            gocdb = GocdbEndpoint(requestURL: url, authentication: customer.authentication)
        } else if let base = tenant.options.text(.topoFeed) {
            gocdb = GocdbEndpoint(feed: base, authentication: customer.authentication)
        } else {
            return nil
        }
        return Feed(gocdb: gocdb, webAPI: WebAPIServiceTypes.destination(for: customer, flags: flags))
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
        let poem = try feed.webAPI.map { try WebAPIServiceTypes.poem(at: $0, date: date, http: http) }
        return ServiceTypes(gocdb: gocdb, poem: poem, skipped: skipped)
    }

    package func produce(_ data: ServiceTypes, for target: JobTarget) throws -> JobProduct {
        // GOCDB's sorted in any case, as 2.3.1, before the merge.
        WebAPIServiceTypes.product(data.gocdb.stableSorted(byText: { $0.name.lowercased() }), poem: data.poem, source: "GOCDB", skipped: data.skipped)
    }
}
