/// What a connector made for one job: its records and a summary line.
public struct JobProduct {
    public var recordSets: [RecordSet]
    public var summary: String
    /// Logged as warnings about the job (entities skipped, a selection that selects nothing).
    public var warnings: [String]

    public init(recordSets: [RecordSet], summary: String, warnings: [String] = []) {
        self.recordSets = recordSets
        self.summary = summary
        self.warnings = warnings
    }
}
