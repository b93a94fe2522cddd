/// Avro binary decoding from a byte slice. Every length and count read
/// from the data is checked against what remains before anything is
/// allocated, so corrupt input yields an error, never a huge allocation.
package struct AvroBinaryDecoder {
    private let bytes: [UInt8]
    private(set) var position: Int
    private let end: Int

    /// Items whose encoding is empty (null) still need a bound on their count.
    static let maxEmptyItems = 1_000_000

    package init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.position = start
        self.end = end ?? bytes.count
    }

    package var isAtEnd: Bool { position >= end }
    var remaining: Int { end - position }

    mutating func readLong() throws -> Int64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw FormatError(.avro, "truncated data (varint at byte \(position))") }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            if shift >= 64 { throw FormatError(.avro, "varint longer than 10 bytes at byte \(position)") }
        }
        return Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1)))
    }

    mutating func readRaw(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw FormatError(.avro, "length \(count) at byte \(position) exceeds the \(remaining) bytes left")
        }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func readLength() throws -> Int {
        let length = try readLong()
        guard length >= 0, length <= Int64(remaining) else {
            throw FormatError(.avro, "length \(length) at byte \(position) exceeds the \(remaining) bytes left")
        }
        return Int(length)
    }

    mutating func readString() throws -> String {
        let raw = try readRaw(readLength())
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw FormatError(.avro, "invalid UTF-8 in string ending at byte \(position)")
        }
        return text
    }

    package mutating func decode(_ schema: AvroSchema) throws -> AvroValue {
        switch schema {
        case .null: return .null
        case .boolean:
            let byte = try readRaw(1).first!
            guard byte <= 1 else { throw FormatError(.avro, "invalid boolean byte \(byte) at \(position - 1)") }
            return .boolean(byte == 1)
        case .int:
            let value = try readLong()
            guard let int = Int32(exactly: value) else { throw FormatError(.avro, "int out of range at byte \(position)") }
            return .int(int)
        case .long: return .long(try readLong())
        case .float: return .float(Float(bitPattern: try readLittleEndian(UInt32.self)))
        case .double: return .double(Double(bitPattern: try readLittleEndian(UInt64.self)))
        case .bytes: return .bytes(Array(try readRaw(readLength())))
        case .string: return .string(try readString())
        case .fixed(let f): return .fixed(Array(try readRaw(f.size)))
        case .enumeration(let e):
            let index = try readLong()
            guard index >= 0, index < e.symbols.count else {
                throw FormatError(.avro, "enum index \(index) out of range for \(e.fullName)")
            }
            return .enumSymbol(e.symbols[Int(index)])
        case .array(let items):
            var values: [AvroValue] = []
            try readBlocks(itemSchema: items) { decoder in values.append(try decoder.decode(items)) }
            return .array(values)
        case .map(let valueSchema):
            var entries: [(String, AvroValue)] = []
            try readBlocks(itemSchema: .string) { decoder in
                let key = try decoder.readString()
                entries.append((key, try decoder.decode(valueSchema)))
            }
            return .map(entries)
        case .record(let record):
            return .record(try record.fields.map { try decode($0.schema) })
        case .union(let branches):
            let index = try readLong()
            guard index >= 0, index < branches.count else {
                throw FormatError(.avro, "union branch \(index) out of range at byte \(position)")
            }
            return try decode(branches[Int(index)])
        }
    }

    private mutating func readLittleEndian<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let raw = try readRaw(MemoryLayout<T>.size)
        return raw.reversed().reduce(T(0)) { $0 << 8 | T($1) }
    }

    /// Array and map blocks: a count (negative means a byte size follows), items, until 0.
    private mutating func readBlocks(itemSchema: AvroSchema, _ readItem: (inout AvroBinaryDecoder) throws -> Void) throws {
        var total = 0
        while true {
            var count = try readLong()
            if count == 0 { return }
            if count < 0 {
                guard count != Int64.min else { throw FormatError(.avro, "invalid block count at byte \(position)") }
                count = -count
                _ = try readLength()
            }
            let limit = itemSchema.encodesToNothing ? Self.maxEmptyItems - total : remaining
            guard count <= Int64(limit) else {
                throw FormatError(.avro, "block count \(count) at byte \(position) exceeds the data left")
            }
            total += Int(count)
            for _ in 0..<count { try readItem(&self) }
        }
    }
}
