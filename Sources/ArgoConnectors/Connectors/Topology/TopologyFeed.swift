import ArgoModel
import ArgoSystem

/// What one topology job needs from GOCDB.
package struct TopologyFeed: Hashable, Sendable {
    let endpoint: GocdbEndpoint
    let fetchType: TopoFetchType
    /// Scopes to fetch under; empty means one fetch with no scope.
    let scopes: [String]
    let paging: Bool
}
