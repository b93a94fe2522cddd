/// What a connector made for one job: its records and a summary line.
package struct JobProduct {
    package var recordSets: [RecordSet]
    package var summary: String
    /// Logged as warnings about the job (entities skipped, a selection that selects nothing).
    var warnings: [String]

    package init(recordSets: [RecordSet], summary: String, warnings: [String] = []) {
        self.recordSets = recordSets
        self.summary = summary
        self.warnings = warnings
    }
}
