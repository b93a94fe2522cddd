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
    /// The record's own JSON written indented at a level, for the same records.
    let indentedJSON: ((Int, Int, inout [UInt8]) -> Void)?

    /// Records made on demand: `record(i)` for `i` in `0..<count`.
    package init<Record: OutputRecord>(_ type: Record.Type, count: Int, record: @escaping (Int) -> Record) {
        kind = Record.kind
        fieldNames = Record.fieldNames
        self.count = count
        row = { record($0).avroFields }
        guard let shaped = Record.self as? any JSONShapedRecord.Type else {
            (json, indentedJSON) = (nil, nil)
            return
        }
        (json, indentedJSON) = Self.ownJSON(shaped, record)
    }

    private static func ownJSON<Shaped: JSONShapedRecord, Record>(_: Shaped.Type, _ record: @escaping (Int) -> Record)
        -> ((Int) -> JSONValue, (Int, Int, inout [UInt8]) -> Void) {
        ({ (record($0) as! Shaped).json }, { index, level, out in (record(index) as! Shaped).appendIndentedJSON(level: level, into: &out) })
    }

    /// Records made on demand whose indented JSON `indentedJSON` writes
    /// without making the record (a topology's hundred thousand endpoints).
    package init<Record: JSONShapedRecord>(_ type: Record.Type, count: Int, record: @escaping (Int) -> Record,
                                           indentedJSON: @escaping (Int, Int, inout [UInt8]) -> Void) {
        kind = Record.kind
        fieldNames = Record.fieldNames
        self.count = count
        row = { record($0).avroFields }
        json = { record($0).json }
        self.indentedJSON = { index, level, out in indentedJSON(index, level, &out) }
    }

    package init<Record: OutputRecord>(_ records: [Record]) {
        self.init(Record.self, count: records.count) { records[$0] }
    }
}
