import ArgoModel

/// A profile as POEM returned it.
package struct PoemProfile: Sendable {
    package var name: String
    package var vo: String
    var metrics: [(service: String, metric: String)]
}
