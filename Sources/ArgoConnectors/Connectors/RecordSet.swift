import ArgoModel

/// Records of one output kind, with their field names; bound to the
/// configured schema by the pipeline. Rows are made on demand, so a
/// hundred thousand records need not exist as values all at once.
public struct RecordSet {
    public let kind: OutputKind
    public let fieldNames: [String]
    public let count: Int
    public let row: (Int) -> [AvroValue]

    /// Records made on demand: `record(i)` for `i` in `0..<count`.
    public init<Record: OutputRecord>(_ type: Record.Type, count: Int, record: @escaping (Int) -> Record) {
        kind = Record.kind
        fieldNames = Record.fieldNames
        self.count = count
        row = { record($0).avroFields }
    }

    public init<Record: OutputRecord>(_ records: [Record]) {
        self.init(Record.self, count: records.count) { records[$0] }
    }
}
