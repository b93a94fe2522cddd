/// The tags a topology selection may name, per fetch type, with their
/// allowed values (nil: any value). Other keys are warned about and ignored,
/// as the original ignored them.
package enum TopologyTags {
    package static func groupTags(_ fetchType: TopoFetchType) -> [String: [String]?] {
        switch fetchType {
        case .sites:
            return ["certification": ["Certified", "Uncertified", "Closed", "Suspended", "Candidate"],
                    "infrastructure": ["Production", "Test"], "scope": nil, "ngi": nil, "site": nil]
        case .serviceGroups:
            return ["monitored": ["Y", "N"], "scope": nil, "servicegroup": nil]
        }
    }

    package static let endpointTags: [String: [String]?] = ["production": ["Y", "N"], "monitored": ["Y", "N"], "scope": nil]

    static let displayNames = ["certification": "Certification", "infrastructure": "Infrastructure", "scope": "Scope",
                               "ngi": "NGI", "site": "Site", "monitored": "Monitored", "servicegroup": "ServiceGroup",
                               "production": "Production"]

    static func displayName(_ key: String) -> String { displayNames[key] ?? key }
}
