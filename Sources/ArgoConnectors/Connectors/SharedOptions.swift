import ArgoModel

/// The 2.3.1 tenant options several sources read (each source's own are
/// declared in its folder). Listed by every descriptor that reads them.
extension SourceOption {
    /// The flat sources' file, LOT1SC's base URL, GOCDB service types' base.
    package static let topoFeed = SourceOption("TopoFeed", at: .customer, [.argo231], address: .feed([.topology, .serviceTypes], localPath: true))
    /// GOCDB `next_cursor` paging, the EOSC portal's `from`/`quantity`.
    package static let topoFeedPaging = SourceOption("TopoFeedPaging", at: .customer, [.argo231], kind: .flag, default: "False")
    package static let topoFeedServiceEndpoints = SourceOption("TopoFeedServiceEndpoints", at: .customer, [.argo231], address: .feed([.topology]))
    package static let topoFeedServiceGroups = SourceOption("TopoFeedServiceGroups", at: .customer, [.argo231], address: .feed([.topology]))
    /// Appended to the GOCDB URLs (`&scope=...`), topology and downtimes alike.
    package static let topoScope = SourceOption("TopoScope", at: .customer, [.argo231])
    /// Hostnames as `<HOSTNAME>_<ID>`.
    package static let topoUIDServiceEndpoints = SourceOption("TopoUIDServiceEndpoints", at: .customer, [.argo231], kind: .flag, default: "False")
    package static let serviceTypesFeed = SourceOption("ServiceTypesFeed", at: .customer, [.argo231], address: .feed([.serviceTypes], localPath: true))
    package static let downtimesFeed = SourceOption("DowntimesFeed", at: .customer, [.argo231], address: .feed([.downtimes], localPath: true))
    /// Fetch nothing, write and send an empty day.
    package static let downtimesEmpty = SourceOption("DowntimesEmpty", at: .customer, [.argo231], kind: .flag, default: "False")
}

extension SourceRule {
    /// A tenant that names one of its portal lists names both (Agora, the EOSC portal); naming none is no topology.
    static func bothPortalLists(_ topoType: DataSource, alsoCounting extra: [SourceOption] = []) -> SourceRule {
        SourceRule(.tenants(of: topoType), stops: .topology) { context in
            let lists: [SourceOption] = [.topoFeedServiceGroups, .topoFeedServiceEndpoints] + extra
            guard lists.contains(where: context.settings.has) else { return }
            context.requireAll(of: [.topoFeedServiceGroups, .topoFeedServiceEndpoints], for: "TopoType = \(topoType.rawValue)", line: context.sectionLine)
        }
    }
}

extension SourceRuleContext {
    /// The error a topology source gives when `options` are not all given.
    func requireAll(of options: [SourceOption], for subject: String, line: Int?) {
        let missing = options.filter { !settings.gives($0) }.map(\.name)
        guard !missing.isEmpty else { return }
        error(line, "\(subject) needs \(missing.joined(separator: " and ")), which the section lacks: its topology cannot be fetched")
    }
}
