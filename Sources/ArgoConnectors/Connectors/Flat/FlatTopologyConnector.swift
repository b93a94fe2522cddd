import ArgoModel
import ArgoSystem

/// 2.3.1's `topology-csv-connector.py` and `topology-json-connector.py`: a
/// tenant's topology from one flat feed (`TopoFeed`), a row per endpoint
/// (../shared/spec/argo-connectors-2.3.1.md, 5.2 and 5.3): a PROJECT group
/// per SITENAME-SERVICEGROUP, an endpoint of type `TopoFetchType` per row,
/// its CONTACT_EMAIL as notifications.
package protocol FlatTopologySource: FlatSource where Feed == FlatTopologyFeed, FeedData == FlatTopology {}

package struct CSVTopologyConnector: FlatTopologySource {
    package static let descriptor = FlatTopology.descriptor(.csv)
    package let run: FlatSourceRun
    package init(run: FlatSourceRun) { self.run = run }
}

package struct JSONTopologyConnector: FlatTopologySource {
    package static let descriptor = FlatTopology.descriptor(.json)
    package let run: FlatSourceRun
    package init(run: FlatSourceRun) { self.run = run }
}

/// The feed and how its rows become records.
package struct FlatTopologyFeed: Hashable, Sendable {
    let feed: FlatFeed
    /// The customer's Name: the groups' group and every record's scope.
    let project: String
    /// `TopoFetchType`'s first item, upper-cased: the endpoints' type.
    let endpointType: String
    /// `TopoUIDServiceEndpoints`: hostnames `<host>_<Service Unique ID>`.
    let uidHostnames: Bool
}

extension FlatTopologySource {
    package func feed(for customer: CustomerConfig, job: JobConfig) -> FlatTopologyFeed? {
        guard let tenant = customer.tenant, let url = tenant.options.text(.topoFeed) else { return nil }
        return FlatTopologyFeed(feed: FlatFeed(url, format: Self.format), project: customer.name,
                                endpointType: (tenant.topoFetchTypes.first ?? "ServiceGroups").uppercased(),
                                uidHostnames: tenant.options.flag(.topoUIDServiceEndpoints))
    }

    package func describe(_ feed: FlatTopologyFeed) -> String { feed.feed.display }

    package func fetch(_ feed: FlatTopologyFeed) throws -> FlatTopology {
        let rows = try feed.feed.rows(with: run.http, columns: [FlatColumn.id, FlatColumn.url, FlatColumn.serviceType, FlatColumn.group])
        return try FeedError.reading(feed.feed.display) { try FlatTopology(rows, feed: feed) }
    }

    package func produce(_ data: FlatTopology, for target: JobTarget) throws -> JobProduct { data.product }
}

/// A flat feed's groups and endpoints, in 2.3.1's key order.
package struct FlatTopology: Sendable {
    static func descriptor(_ format: FlatRows.Format) -> ConnectorDescriptor {
        ConnectorDescriptor(
            data: .topology, source: format.source, scriptNames: ["topology-\(format.rawValue.lowercased())-connector.py"],
            summary: "fetch 2.3.1 tenants' topology from a flat CSV or JSON feed (TopoFeed)",
            details: "Writes group_groups and group_endpoints once per tenant: a PROJECT group per SITENAME-SERVICEGROUP,\nan endpoint per row, CONTACT_EMAIL as its notifications.",
            generations: [.argo231], perCustomerIn: [.argo231], topoTypes: [format.source], options: [.topoFeed, .topoUIDServiceEndpoints])
    }

    var groups: [TenantGroupRecord] = []
    var endpoints: [TenantEndpointRecord] = []
    var skipped = SkippedEntities()

    init(_ rows: FlatRows, feed: FlatTopologyFeed) throws {
        var groupNames = Set<String>()
        for row in rows.rows {
            let url = try row.text(FlatColumn.url)
            let group = try row.text(FlatColumn.group)
            let id = try row.identifier(FlatColumn.id)
            guard [url, group, id, try row.text(FlatColumn.serviceType)].allSatisfy(FlatRows.isNameText) else {
                skipped.add(FlatRows.badNameReason, at: row.location)
                continue
            }
            guard let host = URLHost.of(url) else { skipped.add("row whose URL has no host"); continue }
            let contacts = try row.values.contains { $0.0 == FlatColumn.contacts } ? row.texts(FlatColumn.contacts).filter { !$0.isEmpty } : []
            if groupNames.insert(group).inserted {
                groups.append(TenantGroupRecord(type: "PROJECT", group: feed.project, subgroup: group,
                                                tags: [("monitored", "1"), ("scope", feed.project)], notifications: nil, place: .afterTags))
            }
            let tags: [(String, String)] = [("scope", feed.project), ("monitored", "1"), ("info_URL", url)]
                + (feed.uidHostnames ? [("hostname", host)] : []) + [("info_ID", id)]
            endpoints.append(TenantEndpointRecord(json: .object([
                ("type", .string(feed.endpointType)), ("group", .string(group)), ("service", .string(try row.text(FlatColumn.serviceType))),
                ("hostname", .string(feed.uidHostnames ? "\(host)_\(id)" : host)), ("tags", .stringObject(tags)),
            ] + Notifications.member(contacts))))
        }
    }

    var product: JobProduct {
        JobProduct(recordSets: [RecordSet(groups), RecordSet(endpoints)],
                   summary: "Fetched Endpoints:\(endpoints.count) Groups:\(groups.count)", warnings: skipped.warnings)
    }
}
