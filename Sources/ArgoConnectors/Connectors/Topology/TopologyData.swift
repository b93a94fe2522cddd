import ArgoModel

/// What was fetched for a feed, each part tagged with the scope it was fetched under.
package struct TopologyData: Sendable {
    enum Groups: Sendable {
        case sites([GocdbEntity<SiteField>])
        case serviceGroups([GocdbEntity<ServiceGroupField>])

        var count: Int {
            switch self {
            case .sites(let sites): return sites.count
            case .serviceGroups(let groups): return groups.count
            }
        }
    }

    /// Sites or service groups.
    var groups: [(scope: String?, groups: Groups)] = []
    /// Their service endpoints.
    var endpoints: [(scope: String?, table: EndpointTable)] = []
}
