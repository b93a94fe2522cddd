import ArgoModel

/// What was fetched for a feed, each part tagged with the scope it was fetched under.
package struct TopologyData: Sendable {
    enum Groups: Sendable {
        case sites([GocdbEntity<SiteField>])
        case serviceGroups([GocdbEntity<ServiceGroupField>])
    }

    /// Sites or service groups.
    var groups: [(scope: String?, groups: Groups)] = []
    /// Their service endpoints.
    var endpoints: [(scope: String?, table: EndpointTable)] = []
}
