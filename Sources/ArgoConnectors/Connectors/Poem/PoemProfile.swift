import ArgoModel
import ArgoSystem
import FoundationEssentials

/// A profile as POEM returned it.
public struct PoemProfile: Sendable {
    public var name: String
    public var vo: String
    public var metrics: [(service: String, metric: String)]
}
