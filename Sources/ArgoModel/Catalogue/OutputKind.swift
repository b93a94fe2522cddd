/// The outputs the connectors produce; the raw value is the key used in
/// `[AvroSchemas]` and `[Output]`. Service types (2.3.1) go to the WEB-API
/// only: they have no file, so no such key.
package enum OutputKind: String, CaseIterable, Sendable {
    case downtimes = "Downtimes"
    case poem = "Poem"
    case groupOfEndpoints = "TopologyGroupOfEndpoints"
    case groupOfGroups = "TopologyGroupOfGroups"
    case weights = "Weights"
    case serviceTypes = "ServiceTypes"

    package var isFileOutput: Bool { self != .serviceTypes }

    /// The outputs written to files (and to AMS), each named in `[Output]`.
    package static let fileOutputs = allCases.filter(\.isFileOutput)

    /// The `type` attribute of AMS messages carrying this output.
    package var amsType: String {
        switch self {
        case .downtimes: return "downtimes"
        case .poem: return "metric_profile"
        case .groupOfEndpoints: return "group_endpoints"
        case .groupOfGroups: return "group_groups"
        case .weights: return "weights"
        case .serviceTypes: return "service_types"
        }
    }

    /// The output's option in `[Output]`: the key above, but `MetricProfile` for POEM's in 2.3.1.
    func outputOption(_ generation: ConfigGeneration) -> String {
        generation == .argo231 && self == .poem ? "MetricProfile" : rawValue
    }

    /// The kind of data this output carries.
    package var data: DataKind {
        DataKind.allCases.first { $0.outputs.contains(self) }!
    }
}
