/// One `[JOB_*]` section.
package struct JobConfig: Sendable {
    package var section: String
    package var line: Int
    package var dirname: String
    package var profiles: [String] = []
    /// `MetricProfileNamespace` (2.3.1; read there, never used).
    var metricProfileNamespace: String?
    /// The sources' options the section gives (a 1.7 job's feeds and selections).
    package var options = SourceSettings()

    package init(section: String, line: Int, dirname: String) {
        self.section = section
        self.line = line
        self.dirname = dirname
    }
}
