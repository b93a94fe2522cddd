import ArgoModel
import ArgoSystem

/// GOCDB topology → `TopologyGroupOfGroups` and `TopologyGroupOfEndpoints`:
/// per job for a 1.7 customer (its selection of sites or service groups),
/// once per 2.3.1 tenant (`TenantTopology`: both kinds, contacts, `info_*` tags).
package struct TopologyConnector: Connector {
    package static let descriptor = ConnectorDescriptor(
        data: .topology, source: .gocdb, scriptNames: ["topology-gocdb-connector.py"],
        summary: "fetch GOCDB topology (sites or service groups and their endpoints)",
        details: "Writes TopologyGroupOfGroups and TopologyGroupOfEndpoints for every job (once per 2.3.1 tenant).",
        generations: [.egi17, .argo231], perCustomerIn: [.argo231], topoTypes: [.gocdb],
        options: SourceOption.jobTopology + SourceOption.gocdbTenantTopology,
        rules: [.jobTopologySelections] + SourceRule.gocdbTenantTopology)

    /// A 1.7 job's feed, or a 2.3.1 tenant's.
    package enum Feed: Hashable, Sendable {
        case job(TopologyFeed)
        case tenant(TenantTopologyFeed)
    }

    package enum FeedData: Sendable {
        case job(TopologyData)
        case tenant(TenantTopology)
    }

    private let client: GocdbClient
    private let passExtensions: Bool
    private let ldap: LDAPClient
    /// Responses of this run, shared by jobs asking the same thing (also
    /// when their feeds are fetched concurrently).
    private let sites = OnceCache<RequestKey, Result<[GocdbEntity<SiteField>], Error>>()
    private let serviceGroups = OnceCache<RequestKey, Result<[GocdbEntity<ServiceGroupField>], Error>>()
    private let endpoints = OnceCache<RequestKey, Result<EndpointTable, Error>>()

    private struct RequestKey: Hashable, Sendable {
        let endpoint: GocdbEndpoint
        let scope: String?
        let paging: Bool
    }

    package init(http: any FeedTransport, passExtensions: Bool, ldap: LDAPClient) {
        client = GocdbClient(http: http)
        self.passExtensions = passExtensions
        self.ldap = ldap
    }

    package init(context: ConnectorContext) {
        self.init(http: context.http, passExtensions: context.passExtensions, ldap: context.ldap)
    }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> Feed? {
        if let tenant = customer.tenant {
            // Other TopoTypes are other sources' (issue #20).
            guard tenant.source == .gocdb else { return nil }
            return TenantTopologyFeed(customer: customer, tenant: tenant, passExtensions: passExtensions).map(Feed.tenant)
        }
        let selections = [job.options.selection(.topoSelectGroupOfGroups), job.options.selection(.topoSelectGroupOfEndpoints)]
        return .job(TopologyFeed(endpoint: GocdbEndpoint(feed: job.options.text(.jobTopoFeed), authentication: customer.authentication),
                                 fetchType: job.topoFetchType, scopes: TagFilter.values(of: .scope, in: selections),
                                 paging: job.options.flag(.jobTopoFeedPaging)))
    }

    package func describe(_ feed: Feed) -> String {
        switch feed {
        case .job(let feed): RedactedURL.display(feed.endpoint.base)
        case .tenant(let feed): [feed.sites, feed.serviceGroups, feed.endpoints].compactMap { $0.map { RedactedURL.display($0.base) } }.joined(separator: ", ")
        }
    }

    package func fetch(_ feed: Feed) throws -> FeedData {
        switch feed {
        case .job(let feed): .job(try fetch(feed))
        case .tenant(let feed): .tenant(try TenantTopology.fetch(feed, with: client, ldap: ldap))
        }
    }

    package func produce(_ data: FeedData, for target: JobTarget) throws -> JobProduct {
        switch data {
        case .job(let data): try produce(data, for: target)
        case .tenant(let topology): topology.product
        }
    }

    private func fetch(_ feed: TopologyFeed) throws -> TopologyData {
        let scopes: [String?] = feed.scopes.isEmpty ? [nil] : feed.scopes
        var data = TopologyData()
        for scope in scopes {
            let key = RequestKey(endpoint: feed.endpoint, scope: scope, paging: feed.paging)
            switch feed.fetchType {
            case .sites:
                data.groups.append((scope, .sites(try cached(sites, key) { Self.keepingLast(try list(.getSite, key), by: Self.siteName) })))
                data.endpoints.append((scope, try cached(endpoints, key) {
                    let builder = EndpointTableBuilder()
                    try client.fetch(.getServiceEndpoint, from: key.endpoint, scope: key.scope, paging: key.paging, into: builder)
                    return builder.table
                }))
            case .serviceGroups:
                let groups = try cached(serviceGroups, key) { Self.keepingLast(try list(.getServiceGroup, key)) { $0[.name] } }
                data.groups.append((scope, .serviceGroups(groups)))
                data.endpoints.append((scope, Self.nestedEndpoints(groups)))
            }
        }
        return data
    }

    private func cached<Value>(_ cache: OnceCache<RequestKey, Result<Value, Error>>, _ key: RequestKey,
                               _ fetch: () throws -> Value) throws -> Value {
        try cache.value(for: key) { Result { try fetch() } }.get()
    }

    private func list<Field>(_ method: GocdbMethod<Field>, _ key: RequestKey) throws -> [GocdbEntity<Field>] {
        let list = GocdbEntityList<Field>()
        try client.fetch(method, from: key.endpoint, scope: key.scope, paging: key.paging, into: list)
        return list.entities
    }

    /// The last entity of each name (as the original, which kept them in a
    /// dict by name), in the order of those last copies; nameless ones stay.
    static func keepingLast<Field>(_ entities: [GocdbEntity<Field>], by name: (GocdbEntity<Field>) -> String?) -> [GocdbEntity<Field>] {
        var seen = Set<String>()
        return entities.reversed().filter { entity in name(entity).map { seen.insert($0).inserted } ?? true }.reversed()
    }

    static func siteName(_ site: GocdbEntity<SiteField>) -> String? { site.attribute("NAME") ?? site[.shortName] }

    /// A service group's endpoints, grouped under the group's NAME.
    private static func nestedEndpoints(_ groups: [GocdbEntity<ServiceGroupField>]) -> EndpointTable {
        var table = EndpointTable()
        for group in groups {
            for endpoint in group.endpoints { table.add(endpoint, group: group[.name]) }
        }
        return table
    }

    private func produce(_ data: TopologyData, for target: JobTarget) throws -> JobProduct {
        let job = target.job
        var skipped = SkippedEntities()
        let groups = data.groups.flatMap { scope, groups in
            groupRecords(groups, scope: scope, project: target.customer.name, skipped: &skipped)
        }
        // Tags not known for the fetch type were warned about and are ignored.
        let (selectsGroups, selectsEndpoints) = (job.options.selection(.topoSelectGroupOfGroups), job.options.selection(.topoSelectGroupOfEndpoints))
        let groupSelection = selectsGroups.keeping(keys: TopologyTags.groupTags(job.topoFetchType).keys.map(\.rawValue))
        let groupFilter = TagFilter(groupSelection,
                                    attributeKeys: [.ngi: { $0.group }, .site: { $0.subgroup }, .servicegroup: { $0.subgroup }])
        let selectedGroups = groups.filter { groupFilter.matches(tags: $0.tags, group: $0) }.sorted(by: TopologyGroupRecord.ordered)
        let endpoints = SelectedEndpoints(data.endpoints, type: job.topoFetchType == .sites ? "SITES" : "SERVICEGROUPS",
                                          groups: Set(selectedGroups.map(\.subgroup)), filter: TagFilter(selectsEndpoints.keeping(keys: TopologyTags.endpointTags.keys.map(\.rawValue))))
        let fetched = data.endpoints.reduce(0) { $0 + $1.table.count }
        let summary = "Fetched Endpoints:\(fetched) Groups(\(job.topoFetchType.rawValue)):\(groups.count) "
            + "Selected Endpoints:\(endpoints.count) Groups:\(selectedGroups.count)"
        for (_, table) in data.endpoints { skipped.add(table.skipped) }
        var warnings = skipped.warnings
        if selectedGroups.isEmpty && !groups.isEmpty && !groupSelection.criteria.isEmpty {
            warnings.append("TopoSelectGroupOfGroups = \(selectsGroups.text) selects none of the \(groups.count) groups fetched: the job's topology is empty")
        }
        return JobProduct(recordSets: [
            RecordSet(selectedGroups),
            RecordSet(TopologyEndpointRecord.self, count: endpoints.count, record: endpoints.record),
        ], summary: summary, warnings: warnings)
    }

    /// The scope tag: the scope fetched under, else the entity's own scopes.
    private static func scopeTag(_ scope: String?, _ scopes: [String]) -> String {
        scope ?? scopes.joined(separator: ", ")
    }

    private func groupRecords(_ groups: TopologyData.Groups, scope: String?, project: String,
                              skipped: inout SkippedEntities) -> [TopologyGroupRecord] {
        switch groups {
        case .sites(let sites):
            return sites.compactMap { site in
                guard let name = Self.siteName(site) else { skipped.add("SITE without NAME"); return nil }
                guard let ngi = site[.roc] ?? site.attribute("ROC") else { skipped.add("SITE without ROC"); return nil }
                return TopologyGroupRecord(type: "NGI", group: ngi, subgroup: name, tags: [
                    (TopologyTag.certification.rawValue, site[.certificationStatus] ?? ""),
                    (TopologyTag.infrastructure.rawValue, site[.productionInfrastructure] ?? ""),
                    (TopologyTag.scope.rawValue, Self.scopeTag(scope, site.scopes)),
                ])
            }
        case .serviceGroups(let serviceGroups):
            return serviceGroups.compactMap { serviceGroup in
                guard let name = serviceGroup[.name] else { skipped.add("SERVICE_GROUP without NAME"); return nil }
                return TopologyGroupRecord(type: "PROJECT", group: project, subgroup: name, tags: [
                    (TopologyTag.monitored.rawValue, YesNo.tagValue(serviceGroup[.monitored])),
                    (TopologyTag.scope.rawValue, Self.scopeTag(scope, serviceGroup.scopes)),
                ])
            }
        }
    }
}
