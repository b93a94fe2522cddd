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

/// A site's weight as argo-connectors 2.3.1 writes it in `weights_DATE.json`:
/// `{"type": "computationpower", "site", "weight"}`, the weight a string or a
/// number as the VAPOR feed wrote it.
package struct Weight231Record: JSONShapedRecord, Hashable {
    package var site: String
    /// The literal as the feed wrote it.
    package var weight: String
    package var weightIsNumber: Bool

    package init(site: String, weight: String, weightIsNumber: Bool) {
        self.site = site
        self.weight = weight
        self.weightIsNumber = weightIsNumber
    }

    package static let kind = OutputKind.weights
    package static let fields: [OutputField<Self>] = [
        .string("type") { _ in WeightRecord.weightType }, .string("site") { $0.site }, .string("weight") { $0.weight },
    ]

    package var json: JSONValue {
        .object([("type", .string(WeightRecord.weightType)), ("site", .string(site)),
                 ("weight", weightIsNumber ? .number(weight) : .string(weight))])
    }
}
