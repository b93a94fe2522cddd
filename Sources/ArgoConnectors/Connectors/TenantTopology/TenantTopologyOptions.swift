import ArgoModel

/// The options of a 2.3.1 GOCDB tenant's topology beside the shared ones:
/// its sites feed, the notification flag and the BDII searches.
extension SourceOption {
    package static let topoFeedSites = SourceOption("TopoFeedSites", at: .customer, [.argo231], address: .feed([.topology]))
    /// Every record says whether it notifies.
    package static let honorNotificationFlag = SourceOption("HonorNotificationFlag", at: .customer, [.argo231], kind: .flag, default: "False")
    package static let bdii = SourceOption("BDII", at: .customer, [.argo231], kind: .flag)
    package static let bdiiHost = SourceOption("BDIIHost", at: .customer, [.argo231])
    package static let bdiiPort = SourceOption("BDIIPort", at: .customer, [.argo231], kind: .number(minimum: 1))
    package static let bdiiQueryBase = SourceOption("BDIIQueryBase", at: .customer, [.argo231])
    package static let bdiiQueryFilterSRM = SourceOption("BDIIQueryFilterSRM", at: .customer, [.argo231])
    package static let bdiiQueryAttributesSRM = SourceOption("BDIIQueryAttributesSRM", at: .customer, [.argo231], kind: .words)
    package static let bdiiQueryFilterSEPath = SourceOption("BDIIQueryFilterSEPATH", at: .customer, [.argo231])
    package static let bdiiQueryAttributesSEPath = SourceOption("BDIIQueryAttributesSEPATH", at: .customer, [.argo231], kind: .words)

    /// The options a GOCDB tenant's topology reads.
    package static let gocdbTenantTopology: [SourceOption] = [
        .topoFeedPaging, .topoFeedSites, .topoFeedServiceEndpoints, .topoFeedServiceGroups, .topoScope, .topoUIDServiceEndpoints,
        .honorNotificationFlag, .bdii, .bdiiHost, .bdiiPort, .bdiiQueryBase, .bdiiQueryFilterSRM, .bdiiQueryAttributesSRM,
        .bdiiQueryFilterSEPath, .bdiiQueryAttributesSEPath,
    ]
}

extension SourceRule {
    /// The GOCDB tenant's rules: what TopoFetchType may name, the BDII
    /// options all or none, the feeds its TopoFetchType needs.
    static let gocdbTenantTopology: [SourceRule] = [
        SourceRule(.tenants(of: .gocdb)) { context in
            for item in context.topoFetchTypes where !["sites", "servicegroups"].contains(item.lowercased()) {
                context.error(context.line(CoreOption.Customer.topoFetchType), "TopoFetchType '\(item)' must be Sites or ServiceGroups for TopoType GOCDB")
            }
        },
        // As 2.3.1: all or none (checked for every tenant, as 2.3.1 read them for every tenant).
        SourceRule(.everyTenant) { context in
            let searches: [SourceOption] = [.bdiiHost, .bdiiPort, .bdiiQueryBase, .bdiiQueryFilterSRM, .bdiiQueryAttributesSRM,
                                            .bdiiQueryFilterSEPath, .bdiiQueryAttributesSEPath]
            let given = searches.filter { context.line($0) != nil }
            guard context.settings.flag(.bdii) || !given.isEmpty || context.line(.bdii) != nil else { return }
            let missing = ([.bdii] + searches).filter { context.line($0) == nil }.map(\.name)
            guard !missing.isEmpty else { return }
            context.error(context.line(.bdii) ?? given.first.flatMap(context.line) ?? context.sectionLine,
                          "the BDII options go together: \(missing.joined(separator: ", ")) missing")
        },
        // A tenant that names one of its topology feeds names those its TopoFetchType needs
        // (Sites: TopoFeedSites and TopoFeedServiceEndpoints; ServiceGroups: TopoFeedServiceGroups).
        SourceRule(.tenants(of: .gocdb), stops: .topology) { context in
            let feeds: [SourceOption] = [.topoFeedServiceGroups, .topoFeedServiceEndpoints, .topoFeedServiceEndpointsExtensions, .topoFeedSites]
            guard feeds.contains(where: context.settings.has) else { return }
            let kinds = Set(context.topoFetchTypes.map { $0.lowercased() })
            let needed: [SourceOption] = (kinds.contains("sites") ? [.topoFeedSites, .topoFeedServiceEndpoints] : [])
                + (kinds.contains("servicegroups") ? [.topoFeedServiceGroups] : [])
            context.requireAll(of: needed, for: "TopoFetchType = \(context.topoFetchTypes.joined(separator: ", "))",
                               line: context.line(CoreOption.Customer.topoFetchType) ?? context.sectionLine)
        },
    ]
}

/// `BDII = True` and its seven options: the LDAP searches for SRM ports and storage paths.
package struct BDIISettings: Sendable, Hashable {
    package var host: String
    package var port: Int
    package var queryBase: String
    package var queryFilterSRM: String
    package var queryAttributesSRM: [String]
    package var queryFilterSEPath: String
    package var queryAttributesSEPath: [String]

    package init(host: String, port: Int, queryBase: String, queryFilterSRM: String, queryAttributesSRM: [String],
                 queryFilterSEPath: String, queryAttributesSEPath: [String]) {
        (self.host, self.port, self.queryBase, self.queryFilterSRM) = (host, port, queryBase, queryFilterSRM)
        (self.queryAttributesSRM, self.queryFilterSEPath, self.queryAttributesSEPath) = (queryAttributesSRM, queryFilterSEPath, queryAttributesSEPath)
    }

    /// The tenant's searches when `BDII = True` (the rule above refuses a partial set).
    init?(_ options: SourceSettings) {
        guard options.flag(.bdii) else { return nil }
        // An option given empty reads as empty; an empty BDIIPort is BDII's port, as 2.3.1 read it.
        self.init(host: options.text(.bdiiHost) ?? "", port: options.number(.bdiiPort) ?? 2170, queryBase: options.text(.bdiiQueryBase) ?? "",
                  queryFilterSRM: options.text(.bdiiQueryFilterSRM) ?? "", queryAttributesSRM: options.list(.bdiiQueryAttributesSRM),
                  queryFilterSEPath: options.text(.bdiiQueryFilterSEPath) ?? "", queryAttributesSEPath: options.list(.bdiiQueryAttributesSEPath))
    }
}
