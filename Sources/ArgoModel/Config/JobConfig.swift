import FoundationEssentials

public enum TopoFetchType: String, CaseIterable, Sendable {
    case sites = "Sites"
    case serviceGroups = "ServiceGroups"
}

/// One `[JOB_*]` section.
public struct JobConfig: Sendable {
    public var section: String
    public var line: Int
    public var dirname: String
    public var profiles: [String] = []
    public var poemNamespace: String?
    public var poemServerHost: String?
    public var poemServerVOs: [String] = []
    public var topoFetchType: TopoFetchType = .sites
    public var topoSelectGroupOfGroups = TagSelection()
    public var topoSelectGroupOfEndpoints = TagSelection()
    public var topoFeed: String?
    public var topoFeedPaging = false
    public var downtimesFeed: String?
    public var weightsFeed: String?
}
