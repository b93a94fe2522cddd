/// The kinds of data the ARGO compute engine takes from the connectors.
/// Each connector delivers one kind from one source; the raw value names the
/// kind wherever a person or a file sees it: the command, state files,
/// locks, configuration scopes and messages. Sources come and go (see
/// `ConnectorDescriptor`); this vocabulary is ARGO's and changes rarely.
package enum DataKind: String, CaseIterable, Sendable {
    case topology
    case downtimes
    case weights
    case metricProfiles = "poem"
    case serviceTypes = "service-types"

    /// What a run of this kind writes, in the order it writes them.
    package var outputs: [OutputKind] {
        switch self {
        case .topology: return [.groupOfGroups, .groupOfEndpoints]
        case .downtimes: return [.downtimes]
        case .weights: return [.weights]
        case .metricProfiles: return [.poem]
        case .serviceTypes: return [.serviceTypes]
        }
    }
}
