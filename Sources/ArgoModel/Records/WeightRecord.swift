/// A site's weight: its VAPOR ComputationPower, as text.
public struct WeightRecord: OutputRecord, Equatable {
    public var site: String
    public var weight: String

    public init(site: String, weight: String) {
        self.site = site
        self.weight = weight
    }

    /// The one weight type VAPOR provides.
    public static let weightType = "computationpower"

    public static let kind = OutputKind.weights
    public static let fields: [OutputField<Self>] = [
        .string("type") { _ in weightType }, .string("site") { $0.site }, .string("weight") { $0.weight },
    ]
}
