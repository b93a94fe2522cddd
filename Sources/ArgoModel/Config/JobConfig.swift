package enum TopoFetchType: String, CaseIterable, Sendable {
    case sites = "Sites"
    case serviceGroups = "ServiceGroups"
}

/// One `[JOB_*]` section.
package struct JobConfig: Sendable {
    package var section: String
    package var line: Int
    package var dirname: String
    package var profiles: [String] = []
    /// `MetricProfileNamespace` (2.3.1; read there, never used).
    var metricProfileNamespace: String?
    package var poemNamespace: String?
    package var poemServerHost: String?
    package var poemServerVOs: [String] = []
    package var topoFetchType: TopoFetchType = .sites
    package var topoSelectGroupOfGroups = TagSelection()
    package var topoSelectGroupOfEndpoints = TagSelection()
    package var topoFeed: String?
    package var topoFeedPaging = false
    package var downtimesFeed: String?
    package var weightsFeed: String?

    /// The feeds a 1.7 job's connectors ask, GOCDB's default included (hosts alone mean https).
    var feeds: [(data: DataKind, url: String)] {
        [(.topology, topoFeed ?? "https://goc.egi.eu/gocdbpi/"), (.downtimes, downtimesFeed ?? "https://goc.egi.eu/gocdbpi/")]
            + [(DataKind.weights, weightsFeed), (.metricProfiles, poemServerHost.map(BaseURL.normalized))].compactMap { data, url in url.map { (data, $0) } }
    }

    package init(section: String, line: Int, dirname: String) {
        self.section = section
        self.line = line
        self.dirname = dirname
    }
}
