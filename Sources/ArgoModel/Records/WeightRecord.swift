/// A site's weight: its VAPOR ComputationPower, as text. 1.7 writes it as
/// a string; argo-connectors 2.3.1's `weights_DATE.json` keeps the JSON
/// type the feed gave it (`"4600"` or `12000`), hence `weightIsNumber`.
package struct WeightRecord: JSONShapedRecord, Hashable {
    package var site: String
    /// The literal as the feed wrote it.
    var weight: String
    var weightIsNumber: Bool

    package init(site: String, weight: String, weightIsNumber: Bool = false) {
        self.site = site
        self.weight = weight
        self.weightIsNumber = weightIsNumber
    }

    /// The one weight type VAPOR provides.
    package static let weightType = "computationpower"

    package static let kind = OutputKind.weights
    package static let fields: [OutputField<Self>] = [
        .string("type") { _ in weightType }, .string("site") { $0.site }, .string("weight") { $0.weight },
    ]

    /// `{"type": "computationpower", "site", "weight"}`, as 2.3.1 writes it.
    package var json: JSONValue {
        .object([("type", .string(Self.weightType)), ("site", .string(site)),
                 ("weight", weightIsNumber ? .number(weight) : .string(weight))])
    }
}
