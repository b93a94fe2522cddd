/// What one topology job needs from GOCDB.
public struct TopologyFeed: Hashable {
    let endpoint: GocdbEndpoint
    let fetchType: TopoFetchType
    /// Scopes to fetch under; empty means one fetch with no scope.
    let scopes: [String]
    let paging: Bool
}

/// Entities fetched for a feed, each list tagged with the scope it was fetched under.
public struct TopologyData {
    var groups: [(scope: String?, entities: [GocdbEntity])] = []
    var endpoints: [(scope: String?, entities: [GocdbEntity])] = []
}

/// GOCDB topology → `TopologyGroupOfGroups` and `TopologyGroupOfEndpoints`.
public final class TopologyConnector: Connector {
    public let name = "topology"
    private let client: GocdbClient
    /// Responses of this run, shared by jobs asking the same thing (also
    /// when their feeds are fetched concurrently).
    private let responses = OnceCache<RequestKey, Result<[GocdbEntity], Error>>()

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
                data.groups.append((scope, try request(.getSite, feed: feed, scope: scope)))
                data.endpoints.append((scope, try request(.getServiceEndpoint, feed: feed, scope: scope)))
            case .serviceGroups:
                data.groups.append((scope, try request(.getServiceGroup, feed: feed, scope: scope)))
            }
        }
        return data
    }

    private func request(_ method: GocdbMethod, feed: TopologyFeed, scope: String?) throws -> [GocdbEntity] {
        let key = RequestKey(endpoint: feed.endpoint, method: method, scope: scope, paging: feed.paging)
        return try responses.value(for: key) {
            Result { try client.fetch(method, from: feed.endpoint, scope: scope, paging: feed.paging) }
        }.get()
    }

    public func produce(_ data: TopologyData, for target: JobTarget) throws -> JobProduct {
        let job = target.job
        let (groups, endpoints) = job.topoFetchType == .sites
            ? siteRecords(data)
            : serviceGroupRecords(data, project: target.customer.name)
        let groupFilter = TagFilter(job.topoSelectGroupOfGroups,
                                    attributeKeys: ["ngi": \.group, "site": \.subgroup, "servicegroup": \.subgroup])
        let selectedGroups = groups.filter { groupFilter.matches(tags: $0.tags, group: $0) }.sorted(by: TopologyGroupRecord.ordered)
        let selectedNames = Set(selectedGroups.map(\.subgroup))
        let endpointFilter = TagFilter(job.topoSelectGroupOfEndpoints)
        let selectedEndpoints = endpoints
            .filter { selectedNames.contains($0.group) && endpointFilter.matches(tags: $0.tags) }
            .sorted(by: TopologyEndpointRecord.ordered)
        let summary = "Fetched Endpoints:\(endpoints.count) Groups(\(job.topoFetchType.rawValue)):\(groups.count) "
            + "Selected Endpoints:\(selectedEndpoints.count) Groups:\(selectedGroups.count)"
        return JobProduct(recordSets: [
            RecordSet(kind: .groupOfGroups, fieldNames: TopologyGroupRecord.fieldNames, rows: selectedGroups.map(\.avroFields)),
            RecordSet(kind: .groupOfEndpoints, fieldNames: TopologyEndpointRecord.fieldNames, rows: selectedEndpoints.map(\.avroFields)),
        ], summary: summary)
    }

    /// The scope tag: the scope fetched under, else the entity's own scopes.
    private func scopeTag(_ scope: String?, _ entity: GocdbEntity) -> String {
        scope ?? entity.scopes.joined(separator: ", ")
    }

    private func siteRecords(_ data: TopologyData) -> ([TopologyGroupRecord], [TopologyEndpointRecord]) {
        let groups = data.groups.flatMap { scope, sites in
            sites.compactMap { site -> TopologyGroupRecord? in
                guard let name = site.attribute("NAME") ?? site.fields[1], let ngi = site.fields[2] ?? site.attribute("ROC") else { return nil }
                return TopologyGroupRecord(type: "NGI", group: ngi, subgroup: name, tags: [
                    ("certification", site.fields[3] ?? ""), ("infrastructure", site.fields[4] ?? ""),
                    ("scope", scopeTag(scope, site)),
                ])
            }
        }
        let endpoints = data.endpoints.flatMap { scope, entities in
            entities.compactMap { endpointRecord($0, type: "SITES", group: $0.fields[5], scope: scope) }
        }
        return (groups, endpoints)
    }

    private func serviceGroupRecords(_ data: TopologyData, project: String) -> ([TopologyGroupRecord], [TopologyEndpointRecord]) {
        var groups: [TopologyGroupRecord] = []
        var endpoints: [TopologyEndpointRecord] = []
        for (scope, serviceGroups) in data.groups {
            for serviceGroup in serviceGroups {
                guard let name = serviceGroup.fields[1] else { continue }
                groups.append(TopologyGroupRecord(type: "PROJECT", group: project, subgroup: name, tags: [
                    ("monitored", binaryFlag(serviceGroup.fields[2])), ("scope", scopeTag(scope, serviceGroup)),
                ]))
                endpoints += serviceGroup.children.compactMap { endpointRecord($0, type: "SERVICEGROUPS", group: name, scope: scope) }
            }
        }
        return (groups, endpoints)
    }

    private func endpointRecord(_ entity: GocdbEntity, type: String, group: String?, scope: String?) -> TopologyEndpointRecord? {
        guard let group, let hostname = entity.fields[1], let service = entity.fields[2] else { return nil }
        return TopologyEndpointRecord(type: type, group: group, service: service, hostname: hostname, tags: [
            ("scope", scopeTag(scope, entity)), ("monitored", binaryFlag(entity.fields[4])),
            ("production", binaryFlag(entity.fields[3])),
        ])
    }
}
