/// A datum in Avro's data model. Records hold their field values in the
/// order of the record schema's fields; unions hold the chosen branch's value.
package indirect enum AvroValue: Equatable, Sendable {
    case null
    case boolean(Bool)
    case int(Int32)
    case long(Int64)
    case float(Float)
    case double(Double)
    case bytes([UInt8])
    case string(String)
    case array([AvroValue])
    /// Entries in encounter order (the order of the file when decoded).
    case map([(String, AvroValue)])
    case record([AvroValue])
    case enumSymbol(String)
    case fixed([UInt8])

    package static func == (lhs: AvroValue, rhs: AvroValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.boolean(a), .boolean(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.long(a), .long(b)): return a == b
        case let (.float(a), .float(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.double(a), .double(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.bytes(a), .bytes(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.map(a), .map(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.record(a), .record(b)): return a == b
        case let (.enumSymbol(a), .enumSymbol(b)): return a == b
        case let (.fixed(a), .fixed(b)): return a == b
        default: return false
        }
    }

    /// A map of strings (the shape of every connector's `tags`).
    package static func stringMap(_ pairs: [(String, String)]) -> AvroValue {
        .map(pairs.map { ($0.0, .string($0.1)) })
    }

    var kindName: String {
        switch self {
        case .null: return "null"
        case .boolean: return "boolean"
        case .int: return "int"
        case .long: return "long"
        case .float: return "float"
        case .double: return "double"
        case .bytes: return "bytes"
        case .string: return "string"
        case .array: return "array"
        case .map: return "map"
        case .record: return "record"
        case .enumSymbol: return "enum symbol"
        case .fixed: return "fixed"
        }
    }
}

