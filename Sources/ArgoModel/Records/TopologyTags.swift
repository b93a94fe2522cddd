/// The tags of topology records, which are also the keys a `TopoSelect*`
/// selection may name; the raw value is the key as records carry it.
package enum TopologyTag: String, CaseIterable, Sendable {
    case certification, infrastructure, scope, ngi, site, monitored, servicegroup, production

    /// The key as the configuration documents it (`Certification`, `NGI`, ...).
    var displayName: String {
        switch self {
        case .ngi: return "NGI"
        case .servicegroup: return "ServiceGroup"
        default: return rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }

    /// Tags whose values are Y/N flags, written "1"/"0".
    var isFlag: Bool { self == .monitored || self == .production }
}

/// The tags a topology selection may name, per fetch type, with their
/// allowed values (nil: any value). Other keys are warned about and ignored,
/// as the original ignored them.
package enum TopologyTags {
    package static func groupTags(_ fetchType: TopoFetchType) -> [TopologyTag: [String]?] {
        switch fetchType {
        case .sites:
            return [.certification: ["Certified", "Uncertified", "Closed", "Suspended", "Candidate"],
                    .infrastructure: ["Production", "Test"], .scope: nil, .ngi: nil, .site: nil]
        case .serviceGroups:
            return [.monitored: ["Y", "N"], .scope: nil, .servicegroup: nil]
        }
    }

    package static let endpointTags: [TopologyTag: [String]?] = [.production: ["Y", "N"], .monitored: ["Y", "N"], .scope: nil]
}
