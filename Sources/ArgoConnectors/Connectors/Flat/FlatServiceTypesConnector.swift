import ArgoModel
import ArgoSystem

/// 2.3.1's `service-types-csv-connector.py` and `service-types-json-connector.py`:
/// a tenant's service types from a flat topology (`ServiceTypesFeed`, else
/// `TopoFeed`): each SERVICE_TYPE once, in feed order, described by its
/// first row's `Service Description…` column, tagged `topology`; merged
/// with the WEB-API's poem types (unless `--initial`) → `topology/service-types`.
package protocol FlatServiceTypesSource: FlatSource where Feed == FlatServiceTypesFeed, FeedData == FlatServiceTypes {}

package struct CSVServiceTypesConnector: FlatServiceTypesSource {
    package static let descriptor = FlatServiceTypes.descriptor(.csv)
    package let run: FlatSourceRun
    package init(run: FlatSourceRun) { self.run = run }
}

package struct JSONServiceTypesConnector: FlatServiceTypesSource {
    package static let descriptor = FlatServiceTypes.descriptor(.json)
    package let run: FlatSourceRun
    package init(run: FlatSourceRun) { self.run = run }
}

package struct FlatServiceTypesFeed: Hashable, Sendable {
    let feed: FlatFeed
    /// Nil with `--initial`.
    let webAPI: WebAPIDestination?
}

package struct FlatServiceTypes: Sendable {
    static func descriptor(_ format: FlatRows.Format) -> ConnectorDescriptor {
        ConnectorDescriptor(
            data: .serviceTypes, source: format.source, scriptNames: ["service-types-\(format.rawValue.lowercased())-connector.py"],
            summary: "send 2.3.1 tenants' service types from a flat CSV or JSON topology to the WEB-API",
            details: "Posts topology/service-types once per 2.3.1 tenant: SERVICE_TYPE and its Service Description\n(ServiceTypesFeed, else TopoFeed) with the WEB-API's own poem ones. Writes no file.",
            generations: [.argo231], perCustomerIn: [.argo231], stateName: "services", flags: [WebAPIServiceTypes.initialFlag],
            topoTypes: [format.source], options: [.serviceTypesFeed, .topoFeed])
    }

    var own: [ServiceTypeRecord]
    var poem: [ServiceTypeRecord]?
    /// Rows left out (a name that cannot be one).
    var skipped = SkippedEntities()

    /// Each SERVICE_TYPE once (its first row), in feed order.
    static func records(_ rows: FlatRows) throws -> (records: [ServiceTypeRecord], skipped: SkippedEntities) {
        var seen = Set<String>()
        var skipped = SkippedEntities()
        let records = try rows.rows.compactMap { row -> ServiceTypeRecord? in
            let name = try row.text(FlatColumn.serviceType)
            guard let column = row.column(startingWith: FlatColumn.descriptionPrefix) else {
                throw FormatError(.jsonShape, "no \"\(FlatColumn.descriptionPrefix)…\" column", at: row.location)
            }
            guard FlatRows.isNameText(name) else { skipped.add(FlatRows.badNameReason, at: row.location); return nil }
            guard seen.insert(name).inserted else { return nil }
            return ServiceTypeRecord(name: name, description: try row.text(column), tags: [ServiceTypeRecord.topologyTag])
        }
        return (records, skipped)
    }
}

extension FlatServiceTypesSource {
    package func feed(for customer: CustomerConfig, job: JobConfig) -> FlatServiceTypesFeed? {
        guard let tenant = customer.tenant, let url = tenant.options.text(.serviceTypesFeed) ?? tenant.options.text(.topoFeed) else { return nil }
        return FlatServiceTypesFeed(feed: FlatFeed(url, format: Self.format), webAPI: WebAPIServiceTypes.destination(for: customer, flags: run.flags))
    }

    package func describe(_ feed: FlatServiceTypesFeed) -> String { feed.feed.display }

    package func fetch(_ feed: FlatServiceTypesFeed) throws -> FlatServiceTypes {
        let rows = try feed.feed.rows(with: run.http, columns: [FlatColumn.serviceType])
        let (own, skipped) = try FeedError.reading(feed.feed.display) { try FlatServiceTypes.records(rows) }
        // A topology without service types is a broken feed, not a day to publish.
        guard !own.isEmpty else {
            throw FeedError(kind: .content, url: feed.feed.display, reason: "no service type listed: nothing posted, the WEB-API's day kept")
        }
        let poem = try feed.webAPI.map { try WebAPIServiceTypes.poem(at: $0, date: run.date, http: run.http) }
        return FlatServiceTypes(own: own, poem: poem, skipped: skipped)
    }

    package func produce(_ data: FlatServiceTypes, for target: JobTarget) throws -> JobProduct {
        WebAPIServiceTypes.product(data.own, poem: data.poem, source: Self.format.rawValue, skipped: data.skipped)
    }
}
