import ArgoModel

/// A 1.7 job's GOCDB topology: what it fetches.
package enum TopoFetchType: String, CaseIterable, Sendable {
    case sites = "Sites"
    case serviceGroups = "ServiceGroups"
}

/// The options of a 1.7 job's GOCDB topology.
extension SourceOption {
    package static let jobTopoFetchType = SourceOption("TopoFetchType", at: .job, [.egi17], kind: .choice(TopoFetchType.allCases.map(\.rawValue)),
                                               default: TopoFetchType.sites.rawValue, stops: .topology)
    package static let topoSelectGroupOfGroups = SourceOption("TopoSelectGroupOfGroups", at: .job, [.egi17], kind: .tagSelection, stops: .topology)
    package static let topoSelectGroupOfEndpoints = SourceOption("TopoSelectGroupOfEndpoints", at: .job, [.egi17], kind: .tagSelection, stops: .topology)
    package static let jobTopoFeed = SourceOption("TopoFeed", at: .job, [.egi17], address: .feed([.topology]), default: GocdbEndpoint.defaultBase, stops: .topology)
    package static let jobTopoFeedPaging = SourceOption("TopoFeedPaging", at: .job, [.egi17], kind: .flag, default: "False", stops: .topology)

    package static let jobTopology: [SourceOption] = [.jobTopoFetchType, .topoSelectGroupOfGroups, .topoSelectGroupOfEndpoints, .jobTopoFeed, .jobTopoFeedPaging]
}

extension SourceSettings {
    /// A 1.7 job's TopoFetchType (Sites when not given or not known).
    var topoFetchType: TopoFetchType { TopoFetchType(rawValue: choice(.jobTopoFetchType) ?? "") ?? .sites }
}

extension JobConfig {
    package var topoFetchType: TopoFetchType { options.topoFetchType }
}

extension SourceRule {
    /// A selection names tags its fetch type has, with values they allow
    /// (an unknown tag is ignored, as the original ignored it, and warned about).
    static let jobTopologySelections = SourceRule(.job, stops: .topology) { context in
        let fetchType = context.settings.topoFetchType
        context.checkTags(.topoSelectGroupOfGroups, allowed: TopologyTags.groupTags(fetchType), where: "for TopoFetchType \(fetchType.rawValue)")
        context.checkTags(.topoSelectGroupOfEndpoints, allowed: TopologyTags.endpointTags, where: "for service endpoints")
    }
}

extension SourceRuleContext {
    fileprivate func checkTags(_ option: SourceOption, allowed: [TopologyTag: [String]?], where context: String) {
        let line = line(option)
        for criterion in settings.selection(option).criteria {
            guard let tag = TopologyTag(rawValue: criterion.key), let allowedValues = allowed[tag] else {
                let keys = allowed.keys.map(\.displayName).sorted().joined(separator: ", ")
                warning(line, "\(option.name): tag '\(criterion.displayKey)' is not known \(context) and is ignored (allowed: \(keys))")
                continue
            }
            guard let allowedValues else { continue }
            for value in criterion.values where !allowedValues.contains(where: { $0.lowercased() == value.lowercased() }) {
                error(line, "\(option.name): \(criterion.displayKey):\(value) is not allowed (allowed: \(allowedValues.joined(separator: ", ")))")
            }
        }
    }
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
