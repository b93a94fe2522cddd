/// What one topology job needs from GOCDB.
public struct TopologyFeed: Hashable {
    let endpoint: GocdbEndpoint
    let fetchType: TopoFetchType
    /// Scopes to fetch under; empty means one fetch with no scope.
    let scopes: [String]
    let paging: Bool
}

/// What was fetched for a feed, each part tagged with the scope it was fetched under.
public struct TopologyData {
    /// Sites or service groups.
    var groups: [(scope: String?, list: GocdbEntityList)] = []
    /// Their service endpoints.
    var endpoints: [(scope: String?, table: EndpointTable)] = []
}

/// GOCDB topology → `TopologyGroupOfGroups` and `TopologyGroupOfEndpoints`.
public final class TopologyConnector: Connector {
    public let name = "topology"
    private let client: GocdbClient
    /// Responses of this run, shared by jobs asking the same thing (also
    /// when their feeds are fetched concurrently).
    private let responses = OnceCache<RequestKey, Result<GocdbEntityStore, Error>>()

    private struct RequestKey: Hashable {
        let endpoint: GocdbEndpoint
        let method: GocdbMethod
        let scope: String?
        let paging: Bool
    }

    public init(http: HttpClient) {
        client = GocdbClient(http: http)
    }

    public func feed(for customer: CustomerConfig, job: JobConfig) -> TopologyFeed? {
        let selections = [job.topoSelectGroupOfGroups, job.topoSelectGroupOfEndpoints]
        return TopologyFeed(endpoint: GocdbEndpoint(feed: job.topoFeed, authentication: customer.authentication),
                            fetchType: job.topoFetchType, scopes: TagFilter.values(of: "scope", in: selections),
                            paging: job.topoFeedPaging)
    }

    public func describe(_ feed: TopologyFeed) -> String { RedactedURL.display(feed.endpoint.base) }

    public func fetch(_ feed: TopologyFeed) throws -> TopologyData {
        let scopes: [String?] = feed.scopes.isEmpty ? [nil] : feed.scopes
        var data = TopologyData()
        for scope in scopes {
            switch feed.fetchType {
            case .sites:
                data.groups.append((scope, try request(.getSite, feed: feed, scope: scope, store: GocdbEntityList.init)))
                data.endpoints.append((scope, try request(.getServiceEndpoint, feed: feed, scope: scope, store: EndpointTable.init)))
            case .serviceGroups:
                let groups = try request(.getServiceGroup, feed: feed, scope: scope, store: GocdbEntityList.init)
                data.groups.append((scope, groups))
                data.endpoints.append((scope, Self.nestedEndpoints(groups)))
            }
        }
        return data
    }

    private func request<S: GocdbEntityStore>(_ method: GocdbMethod, feed: TopologyFeed, scope: String?, store: @escaping () -> S) throws -> S {
        let key = RequestKey(endpoint: feed.endpoint, method: method, scope: scope, paging: feed.paging)
        let result = responses.value(for: key) {
            Result {
                let target = store()
                try client.fetch(method, from: feed.endpoint, scope: scope, paging: feed.paging, into: target)
                return target as GocdbEntityStore
            }
        }
        return try result.get() as! S
    }

    /// A service group's endpoints, grouped under the group's NAME.
    private static func nestedEndpoints(_ groups: GocdbEntityList) -> EndpointTable {
        let table = EndpointTable()
        for group in groups.entities {
            for endpoint in group.children { table.add(endpoint, group: group.fields[1]) }
        }
        return table
    }

    public func produce(_ data: TopologyData, for target: JobTarget) throws -> JobProduct {
        let job = target.job
        let groups = job.topoFetchType == .sites ? siteRecords(data) : serviceGroupRecords(data, project: target.customer.name)
        let groupFilter = TagFilter(job.topoSelectGroupOfGroups,
                                    attributeKeys: ["ngi": \.group, "site": \.subgroup, "servicegroup": \.subgroup])
        let selectedGroups = groups.filter { groupFilter.matches(tags: $0.tags, group: $0) }.sorted(by: TopologyGroupRecord.ordered)
        let endpoints = SelectedEndpoints(data.endpoints, type: job.topoFetchType == .sites ? "SITES" : "SERVICEGROUPS",
                                          groups: Set(selectedGroups.map(\.subgroup)), filter: TagFilter(job.topoSelectGroupOfEndpoints))
        let fetched = data.endpoints.reduce(0) { $0 + $1.table.count }
        let summary = "Fetched Endpoints:\(fetched) Groups(\(job.topoFetchType.rawValue)):\(groups.count) "
            + "Selected Endpoints:\(endpoints.count) Groups:\(selectedGroups.count)"
        return JobProduct(recordSets: [
            RecordSet(kind: .groupOfGroups, fieldNames: TopologyGroupRecord.fieldNames, rows: selectedGroups.map(\.avroFields)),
            RecordSet(kind: .groupOfEndpoints, fieldNames: SelectedEndpoints.fieldNames, count: endpoints.count, row: endpoints.row),
        ], summary: summary)
    }

    /// The scope tag: the scope fetched under, else the entity's own scopes.
    private func scopeTag(_ scope: String?, _ entity: GocdbEntity) -> String {
        scope ?? entity.scopes.joined(separator: ", ")
    }

    private func siteRecords(_ data: TopologyData) -> [TopologyGroupRecord] {
        data.groups.flatMap { scope, sites in
            sites.entities.compactMap { site -> TopologyGroupRecord? in
                guard let name = site.attribute("NAME") ?? site.fields[1], let ngi = site.fields[2] ?? site.attribute("ROC") else { return nil }
                return TopologyGroupRecord(type: "NGI", group: ngi, subgroup: name, tags: [
                    ("certification", site.fields[3] ?? ""), ("infrastructure", site.fields[4] ?? ""),
                    ("scope", scopeTag(scope, site)),
                ])
            }
        }
    }

    private func serviceGroupRecords(_ data: TopologyData, project: String) -> [TopologyGroupRecord] {
        data.groups.flatMap { scope, serviceGroups in
            serviceGroups.entities.compactMap { serviceGroup -> TopologyGroupRecord? in
                guard let name = serviceGroup.fields[1] else { return nil }
                return TopologyGroupRecord(type: "PROJECT", group: project, subgroup: name, tags: [
                    ("monitored", binaryFlag(serviceGroup.fields[2])), ("scope", scopeTag(scope, serviceGroup)),
                ])
            }
        }
    }
}

/// The endpoints a job keeps, in output order, as indices into the fetched
/// tables; `group_endpoints` records are made only when written.
struct SelectedEndpoints {
    static let fieldNames = ["type", "group", "service", "hostname", "tags"]

    private struct Entry {
        var group: UInt32, service: UInt32, scope: UInt32
        var table: Int32, row: Int32
    }

    private let tables: [(scope: String?, table: EndpointTable)]
    private let type: String
    private let entries: [Entry]
    private let strings: [String]
    var count: Int { entries.count }

    init(_ tables: [(scope: String?, table: EndpointTable)], type: String, groups: Set<String>, filter: TagFilter) {
        self.tables = tables
        self.type = type
        // Rank every string that can appear (byte order), so sorting compares integers.
        var all = Set(tables.compactMap(\.scope))
        for (_, table) in tables { all.formUnion(table.pool.strings) }
        strings = all.sorted(by: ByteOrder.less)
        let rank = Dictionary(uniqueKeysWithValues: strings.enumerated().map { ($0.element, UInt32($0.offset)) })
        var entries: [Entry] = []
        for (tableIndex, (scope, table)) in tables.enumerated() {
            let poolRank = table.pool.strings.map { rank[$0]! }
            let inGroup = table.pool.strings.map(groups.contains)
            let scopeRank = scope.map { rank[$0]! }
            for (rowIndex, row) in table.rows.enumerated() where inGroup[Int(row.group)] {
                let scopeValue = scope ?? table.pool[row.scopes]
                let keep = filter.matches { key in
                    switch key {
                    case "scope": return scopeValue
                    case "monitored": return row.monitored ? "1" : "0"
                    case "production": return row.production ? "1" : "0"
                    default: return nil
                    }
                }
                if keep {
                    entries.append(Entry(group: poolRank[Int(row.group)], service: poolRank[Int(row.service)],
                                         scope: scopeRank ?? poolRank[Int(row.scopes)], table: Int32(tableIndex), row: Int32(rowIndex)))
                }
            }
        }
        entries.sort { a, b in
            if a.group != b.group { return a.group < b.group }
            let hosts = tables[Int(a.table)].table.compareHosts(tables[Int(a.table)].table.rows[Int(a.row)],
                                                                tables[Int(b.table)].table, tables[Int(b.table)].table.rows[Int(b.row)])
            if hosts != 0 { return hosts < 0 }
            if a.service != b.service { return a.service < b.service }
            return a.scope < b.scope
        }
        self.entries = entries
    }

    func row(_ index: Int) -> [AvroValue] {
        let entry = entries[index]
        let (scope, table) = tables[Int(entry.table)]
        let row = table.rows[Int(entry.row)]
        return [.string(type), .string(strings[Int(entry.group)]), .string(strings[Int(entry.service)]), .string(table.hostname(row)),
                .map([("scope", .string(scope ?? table.pool[row.scopes])), ("monitored", .string(row.monitored ? "1" : "0")),
                      ("production", .string(row.production ? "1" : "0"))])]
    }
}
