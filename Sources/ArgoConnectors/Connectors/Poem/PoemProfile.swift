import ArgoModel

/// A profile as POEM returned it.
package struct PoemProfile: Sendable {
    package var name: String
    var vo: String
    var metrics: [(service: String, metric: String)]
}
