/// A site's weight: its VAPOR ComputationPower, as text.
package struct WeightRecord: OutputRecord, Equatable {
    package var site: String
    package var weight: String

    package init(site: String, weight: String) {
        self.site = site
        self.weight = weight
    }

    /// The one weight type VAPOR provides.
    package static let weightType = "computationpower"

    package static let kind = OutputKind.weights
    package static let fields: [OutputField<Self>] = [
        .string("type") { _ in weightType }, .string("site") { $0.site }, .string("weight") { $0.weight },
    ]
}
