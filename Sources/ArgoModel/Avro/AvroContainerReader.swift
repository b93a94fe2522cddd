/// Reads an object container file held in memory; validates the magic,
/// the metadata, every block's bounds and sync marker.
package struct AvroContainerReader {
    /// Largest block an inflated `deflate` block may grow to.
    static let maxInflatedBlockBytes = 256 * 1024 * 1024

    package let schema: AvroSchemaDocument
    let codec: AvroCodec
    let metadata: [String: [UInt8]]
    private let bytes: [UInt8]
    private let dataStart: Int
    private let syncMarker: [UInt8]

    /// Reads the header; `codecs` are those the reader may meet.
    package init(bytes: [UInt8], codecs: [AvroCodec]) throws {
        self.bytes = bytes
        guard bytes.count >= 4, Array(bytes[0..<4]) == AvroContainerFormat.magic else {
            throw FormatError(.avro, "not an Avro object container file (bad magic)")
        }
        var decoder = AvroBinaryDecoder(bytes, from: 4)
        guard case .map(let entries) = try decoder.decode(.map(.bytes)) else { throw FormatError(.avro, "bad metadata") }
        var metadata: [String: [UInt8]] = [:]
        for (key, value) in entries { if case .bytes(let b) = value { metadata[key] = b } }
        self.metadata = metadata
        syncMarker = Array(try decoder.readRaw(16))
        dataStart = decoder.position
        guard let schemaBytes = metadata["avro.schema"] else { throw FormatError(.avro, "metadata has no avro.schema") }
        do {
            schema = try AvroSchemaDocument(parsing: String(decoding: schemaBytes, as: UTF8.self))
        } catch {
            throw FormatError(.avro, "embedded schema: \(error)")
        }
        let codecName = metadata["avro.codec"].map { String(decoding: $0, as: UTF8.self) } ?? "null"
        guard let codec = codecs.first(where: { $0.name == codecName }) else {
            throw FormatError(.avro, "unsupported codec '\(codecName)' (supported: \(codecs.map(\.name).joined(separator: ", ")))")
        }
        self.codec = codec
    }

    /// Calls `body` with every datum in file order.
    package func forEachRecord(_ body: (AvroValue) throws -> Void) throws {
        try forEachBlock { blockBytes, count in
            var decoder = AvroBinaryDecoder(blockBytes)
            for _ in 0..<count { try body(try decoder.decode(schema.schema)) }
            if !decoder.isAtEnd { throw FormatError(.avro, "block has \(decoder.remaining) bytes beyond its \(count) records") }
        }
    }

    /// Calls `body` with each block's decoded (inflated) bytes and record count.
    package func forEachBlock(_ body: ([UInt8], Int) throws -> Void) throws {
        var decoder = AvroBinaryDecoder(bytes, from: dataStart)
        while !decoder.isAtEnd {
            let blockStart = decoder.position
            let count = try decoder.readLong()
            let size = try decoder.readLong()
            guard count >= 0, size >= 0, size <= Int64(decoder.remaining) else {
                throw FormatError(.avro, "block at byte \(blockStart): count \(count) or size \(size) out of bounds")
            }
            let payload = try decoder.readRaw(Int(size))
            guard Array(try decoder.readRaw(16)) == syncMarker else {
                throw FormatError(.avro, "block at byte \(blockStart): sync marker mismatch")
            }
            let data = try codec.decompress(payload, Self.maxInflatedBlockBytes)
            let bound = schema.schema.encodesToNothing ? AvroBinaryDecoder.maxEmptyItems : data.count
            guard count <= Int64(bound) else {
                throw FormatError(.avro, "block at byte \(blockStart): \(count) records cannot fit in \(data.count) bytes")
            }
            try body(data, Int(count))
        }
    }
}
