/// Writes an Avro object container file through `output`, block by block.
package final class AvroContainerWriter {
    package let schema: AvroSchemaDocument
    let codec: AvroCodec
    private let output: ([UInt8]) throws -> Void
    private let syncMarker: [UInt8]
    private let blockByteTarget: Int
    private var block = AvroBinaryEncoder(reservingCapacity: 64 * 1024)
    private var blockCount = 0
    private(set) var recordCount = 0

    package init(schema: AvroSchemaDocument, codec: AvroCodec = .null, blockByteTarget: Int = 64 * 1024,
                syncMarker: [UInt8]? = nil, output: @escaping ([UInt8]) throws -> Void) throws {
        self.schema = schema
        self.codec = codec
        self.output = output
        self.blockByteTarget = blockByteTarget
        var generator = SystemRandomNumberGenerator()
        self.syncMarker = syncMarker ?? (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try writeHeader()
    }

    private func writeHeader() throws {
        var header = AvroBinaryEncoder()
        header.writeRaw(AvroContainerFormat.magic)
        header.writeLong(2)
        header.writeString("avro.schema")
        header.writeBytes(Array(schema.json.utf8))
        header.writeString("avro.codec")
        header.writeBytes(Array(codec.name.utf8))
        header.writeLong(0)
        header.writeRaw(syncMarker)
        try output(header.bytes)
    }

    /// Appends one datum; a datum that does not fit the schema is rejected
    /// and leaves the file as it was.
    package func append(_ value: AvroValue) throws {
        let mark = block.bytes.count
        do {
            try block.encode(value, as: schema.schema)
        } catch {
            block.truncate(to: mark)
            throw error
        }
        blockCount += 1
        recordCount += 1
        if block.bytes.count >= blockByteTarget { try flushBlock() }
    }

    /// Appends one datum already in Avro's binary encoding for this schema.
    package func appendEncoded(_ datum: ArraySlice<UInt8>) throws {
        block.writeRaw(datum)
        blockCount += 1
        recordCount += 1
        if block.bytes.count >= blockByteTarget { try flushBlock() }
    }

    func flushBlock() throws {
        guard blockCount > 0 else { return }
        let payload = try codec.compress(block.bytes)
        var frame = AvroBinaryEncoder(reservingCapacity: payload.count + 40)
        frame.writeLong(Int64(blockCount))
        frame.writeLong(Int64(payload.count))
        frame.writeRaw(payload)
        frame.writeRaw(syncMarker)
        try output(frame.bytes)
        block.removeAll()
        blockCount = 0
    }

    package func finish() throws {
        try flushBlock()
    }
}
