/// What a connector made for one job: its records and a summary line.
public struct JobProduct {
    public var recordSets: [RecordSet]
    public var summary: String

    public init(recordSets: [RecordSet], summary: String) {
        self.recordSets = recordSets
        self.summary = summary
    }
}
