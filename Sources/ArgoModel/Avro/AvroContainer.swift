/// A block codec of object container files. The model knows only `null`;
/// compressing ones come from adapters (`deflate` on zlib, in ArgoSystem).
public struct AvroCodec: Sendable, Equatable {
    /// The `avro.codec` name.
    public let name: String
    let compress: @Sendable ([UInt8]) throws -> [UInt8]
    /// Inflates a block, failing beyond `limit` bytes.
    let decompress: @Sendable (ArraySlice<UInt8>, _ limit: Int) throws -> [UInt8]

    public init(name: String, compress: @escaping @Sendable ([UInt8]) throws -> [UInt8],
                decompress: @escaping @Sendable (ArraySlice<UInt8>, _ limit: Int) throws -> [UInt8]) {
        self.name = name
        self.compress = compress
        self.decompress = decompress
    }

    public static let null = AvroCodec(name: "null", compress: { $0 }, decompress: { block, _ in Array(block) })

    public static func == (a: AvroCodec, b: AvroCodec) -> Bool { a.name == b.name }
}

private let containerMagic: [UInt8] = [0x4F, 0x62, 0x6A, 0x01]  // "Obj" 1

/// Writes an Avro object container file through `output`, block by block.
public final class AvroContainerWriter {
    public let schema: AvroSchemaDocument
    public let codec: AvroCodec
    private let output: ([UInt8]) throws -> Void
    private let syncMarker: [UInt8]
    private let blockByteTarget: Int
    private var block = AvroBinaryEncoder(reservingCapacity: 64 * 1024)
    private var blockCount = 0
    public private(set) var recordCount = 0

    public init(schema: AvroSchemaDocument, codec: AvroCodec = .null, blockByteTarget: Int = 64 * 1024,
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
        header.writeRaw(containerMagic)
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
    public func append(_ value: AvroValue) throws {
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

    public func flushBlock() throws {
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

    public func finish() throws {
        try flushBlock()
    }
}

extension AvroBinaryEncoder {
    mutating func truncate(to count: Int) {
        bytes.removeSubrange(count...)
    }
}

/// Reads an object container file held in memory; validates the magic,
/// the metadata, every block's bounds and sync marker.
public struct AvroContainerReader {
    /// Largest block an inflated `deflate` block may grow to.
    public static let maxInflatedBlockBytes = 256 * 1024 * 1024

    public let schema: AvroSchemaDocument
    public let codec: AvroCodec
    public let metadata: [String: [UInt8]]
    private let bytes: [UInt8]
    private let dataStart: Int
    private let syncMarker: [UInt8]

    /// Reads the header; `codecs` are those the reader may meet.
    public init(bytes: [UInt8], codecs: [AvroCodec]) throws {
        self.bytes = bytes
        guard bytes.count >= 4, Array(bytes[0..<4]) == containerMagic else {
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
    public func forEachRecord(_ body: (AvroValue) throws -> Void) throws {
        try forEachBlock { blockBytes, count in
            var decoder = AvroBinaryDecoder(blockBytes)
            for _ in 0..<count { try body(try decoder.decode(schema.schema)) }
            if !decoder.isAtEnd { throw FormatError(.avro, "block has \(decoder.remaining) bytes beyond its \(count) records") }
        }
    }

    /// Calls `body` with each block's decoded (inflated) bytes and record count.
    public func forEachBlock(_ body: ([UInt8], Int) throws -> Void) throws {
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
