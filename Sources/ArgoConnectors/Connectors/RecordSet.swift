import ArgoModel

/// Records of one output kind, with their field names; bound to the
/// configured schema by the pipeline. Rows are made on demand, so a
/// hundred thousand records need not exist as values all at once.
package struct RecordSet {
    package let kind: OutputKind
    package let fieldNames: [String]
    package let count: Int
    package let row: (Int) -> [AvroValue]
    /// The record's own JSON form, for records that have one (`JSONShapedRecord`).
    package let json: ((Int) -> JSONValue)?

    /// Records made on demand: `record(i)` for `i` in `0..<count`.
    package init<Record: OutputRecord>(_ type: Record.Type, count: Int, record: @escaping (Int) -> Record) {
        kind = Record.kind
        fieldNames = Record.fieldNames
        self.count = count
        row = { record($0).avroFields }
        json = Record.self is any JSONShapedRecord.Type ? { (record($0) as! any JSONShapedRecord).json } : nil
    }

    package init<Record: OutputRecord>(_ records: [Record]) {
        self.init(Record.self, count: records.count) { records[$0] }
    }
}
