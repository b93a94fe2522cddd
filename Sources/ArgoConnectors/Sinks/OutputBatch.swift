import ArgoModel

/// Everything one job produced of one kind, ready to deliver. Records are
/// made on demand (each sink walks them) rather than held.
package struct OutputBatch {
    package let kind: OutputKind
    package let schema: AvroSchemaDocument
    package let count: Int
    /// Record `i`, already bound to `schema` (see `AvroRecordBinding`).
    package let record: (Int) -> AvroValue
    /// Record `i` in its own JSON form, for records that have one.
    let ownJSON: ((Int) -> JSONValue)?
    /// Record `i`'s own JSON written indented at a level, for the same records.
    let ownIndentedJSON: ((Int, Int, inout [UInt8]) -> Void)?
    /// Set when more than one sink sends the Avro encoding: the first to ask encodes, the others reuse it.
    private let sharedEncoding: SharedEncoding?

    package init(kind: OutputKind, schema: AvroSchemaDocument, count: Int, record: @escaping (Int) -> AvroValue,
                 ownJSON: ((Int) -> JSONValue)? = nil, ownIndentedJSON: ((Int, Int, inout [UInt8]) -> Void)? = nil,
                 sharesEncoding: Bool = false) {
        self.sharedEncoding = sharesEncoding ? SharedEncoding() : nil
        self.kind = kind
        self.schema = schema
        self.count = count
        self.record = record
        self.ownJSON = ownJSON
        self.ownIndentedJSON = ownIndentedJSON
    }

    /// Record `i` as JSON: its own form, or rendered from its Avro value.
    package func json(_ index: Int) -> JSONValue {
        ownJSON?(index) ?? AvroJSONRenderer.json(record(index), schema: schema.schema)
    }

    /// Record `i` as `JSONWriter.appendIndented(json(i))` writes it.
    package func appendIndentedJSON(_ index: Int, level: Int, into out: inout [UInt8]) {
        guard let ownIndentedJSON else { return JSONWriter.appendIndented(json(index), level: level, into: &out) }
        ownIndentedJSON(index, level, &out)
    }

    package init(kind: OutputKind, schema: AvroSchemaDocument, records: [AvroValue]) {
        self.init(kind: kind, schema: schema, count: records.count) { records[$0] }
    }

    /// Whether the records' encoding is kept for the sinks that share it.
    var sharesEncoding: Bool { sharedEncoding != nil }

    /// Every record in Avro binary encoding, one buffer with end offsets;
    /// made once when the batch shares its encoding.
    func encoded() throws -> EncodedRecords {
        guard let sharedEncoding else { return try encodeAll() }
        if let done = sharedEncoding.records { return done }
        let records = try encodeAll()
        sharedEncoding.records = records
        return records
    }

    /// Throws what the first record that does not fit the schema throws; keeps nothing.
    func checkEncoding() throws {
        var encoder = AvroBinaryEncoder()
        for index in 0..<count {
            try encoder.encode(record(index), as: schema.schema)
            encoder.removeAll()
        }
    }

    private func encodeAll() throws -> EncodedRecords {
        var encoder = AvroBinaryEncoder(reservingCapacity: count * 64)
        var ends: [Int] = []
        ends.reserveCapacity(count)
        for index in 0..<count {
            try encoder.encode(record(index), as: schema.schema)
            ends.append(encoder.bytes.count)
        }
        return EncodedRecords(bytes: encoder.bytes, ends: ends)
    }
}

/// A batch's encoding, kept for the next sink (sinks take a job's batches one after the other).
private final class SharedEncoding {
    var records: EncodedRecords?
}
