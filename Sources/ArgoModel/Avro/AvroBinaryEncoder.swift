/// Avro binary encoding into a growable byte buffer.
package struct AvroBinaryEncoder {
    package internal(set) var bytes: [UInt8] = []

    package init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    package mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
    }

    package mutating func writeLong(_ value: Int64) {
        var zigzag = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while zigzag >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
    }

    mutating func writeString(_ value: String) {
        var text = value
        text.withUTF8 { utf8 in
            writeLong(Int64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func writeBytes<C: Collection>(_ value: C) where C.Element == UInt8 {
        writeLong(Int64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func writeRaw<C: Collection>(_ value: C) where C.Element == UInt8 {
        bytes.append(contentsOf: value)
    }

    /// Encodes `value` against `schema`, naming the failing field in errors.
    package mutating func encode(_ value: AvroValue, as schema: AvroSchema, path: String = "record") throws {
        do {
            try encodeValue(value, as: schema)
        } catch let error as FormatError {
            throw error.nested(under: path)
        }
    }

    /// The path of a failure is assembled only when one is thrown, so the
    /// hot path builds no strings.
    private mutating func encodeValue(_ value: AvroValue, as schema: AvroSchema) throws {
        switch (schema, value) {
        case (.null, .null): break
        case let (.boolean, .boolean(b)): bytes.append(b ? 1 : 0)
        case let (.int, .int(i)): writeLong(Int64(i))
        case let (.long, .long(l)): writeLong(l)
        case let (.long, .int(i)): writeLong(Int64(i))
        case let (.float, .float(f)): appendLittleEndian(f.bitPattern)
        case let (.double, .double(d)): appendLittleEndian(d.bitPattern)
        case let (.double, .float(f)): appendLittleEndian(Double(f).bitPattern)
        case let (.bytes, .bytes(b)): writeBytes(b)
        case let (.string, .string(s)): writeString(s)
        case let (.enumeration(e), .enumSymbol(symbol)):
            guard let index = e.symbols.firstIndex(of: symbol) else {
                throw FormatError(.avro, "'\(symbol)' is not a symbol of enum \(e.fullName)")
            }
            writeLong(Int64(index))
        case let (.fixed(f), .fixed(b)):
            guard b.count == f.size else {
                throw FormatError(.avro, "fixed \(f.fullName) needs \(f.size) bytes, got \(b.count)")
            }
            bytes.append(contentsOf: b)
        case let (.array(items), .array(values)):
            if !values.isEmpty {
                writeLong(Int64(values.count))
                for (index, item) in values.enumerated() { try encodeElement(item, as: items, step: "[\(index)]") }
            }
            writeLong(0)
        case let (.map(valueSchema), .map(entries)):
            if !entries.isEmpty {
                writeLong(Int64(entries.count))
                for (key, item) in entries {
                    writeString(key)
                    try encodeElement(item, as: valueSchema, step: ".\(key)")
                }
            }
            writeLong(0)
        case let (.record(record), .record(fields)):
            guard fields.count == record.fields.count else {
                throw FormatError(.avro, "record \(record.fullName) has \(record.fields.count) fields, value has \(fields.count)")
            }
            for index in fields.indices {
                try encodeElement(fields[index], as: record.fields[index].schema, step: ".\(record.fields[index].name)")
            }
        case let (.union(branches), _):
            guard let index = Self.branchIndex(for: value, in: branches) else {
                let names = branches.map(\.typeName).joined(separator: ", ")
                throw FormatError(.avro, "\(value.kindName) matches none of the union [\(names)]")
            }
            writeLong(Int64(index))
            try encodeValue(value, as: branches[index])
        default:
            throw FormatError(.avro, "expected \(schema.typeName), found \(value.kindName)")
        }
    }

    /// A nested value; `step` (an autoclosure) is only evaluated on failure.
    private mutating func encodeElement(_ value: AvroValue, as schema: AvroSchema, step: @autoclosure () -> String) throws {
        do {
            try encodeValue(value, as: schema)
        } catch let error as FormatError {
            throw error.nested(under: step())
        }
    }

    private mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// The union branch a value is written as: an exact match first, then the
    /// spec's promotions (int → long → float → double).
    static func branchIndex(for value: AvroValue, in branches: [AvroSchema]) -> Int? {
        func first(_ predicate: (AvroSchema) -> Bool) -> Int? { branches.firstIndex(where: predicate) }
        switch value {
        case .null: return first { if case .null = $0 { return true }; return false }
        case .boolean: return first { if case .boolean = $0 { return true }; return false }
        case .int: return first { if case .int = $0 { return true }; return false }
            ?? first { if case .long = $0 { return true }; return false }
        case .long: return first { if case .long = $0 { return true }; return false }
        case .float: return first { if case .float = $0 { return true }; return false }
            ?? first { if case .double = $0 { return true }; return false }
        case .double: return first { if case .double = $0 { return true }; return false }
        case .bytes: return first { if case .bytes = $0 { return true }; return false }
        case .string: return first { if case .string = $0 { return true }; return false }
        case .array: return first { if case .array = $0 { return true }; return false }
        case .map: return first { if case .map = $0 { return true }; return false }
        case .record(let fields):
            return first { if case .record(let r) = $0 { return r.fields.count == fields.count }; return false }
        case .enumSymbol(let symbol):
            return first { if case .enumeration(let e) = $0 { return e.symbols.contains(symbol) }; return false }
        case .fixed(let b):
            return first { if case .fixed(let f) = $0 { return f.size == b.count }; return false }
        }
    }
}

extension AvroBinaryEncoder {
    /// Drops everything after the first `count` bytes (a record that failed halfway).
    mutating func truncate(to count: Int) {
        bytes.removeSubrange(count...)
    }
}
