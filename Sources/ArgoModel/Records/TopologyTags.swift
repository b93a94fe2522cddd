/// The tags of topology records, which are also the keys a `TopoSelect*`
/// selection may name; the raw value is the key as records carry it.
package enum TopologyTag: String, CaseIterable, Sendable {
    case certification, infrastructure, scope, ngi, site, monitored, servicegroup, production

    /// The key as the configuration documents it (`Certification`, `NGI`, ...).
    package var displayName: String {
        switch self {
        case .ngi: return "NGI"
        case .servicegroup: return "ServiceGroup"
        default: return rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }

    /// Tags whose values are Y/N flags, written "1"/"0".
    var isFlag: Bool { self == .monitored || self == .production }
}
