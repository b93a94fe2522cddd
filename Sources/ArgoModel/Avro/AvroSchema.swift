/// An Avro schema (specification 1.11). Records are reference types so that
/// recursive and named references resolve to the same definition.
package indirect enum AvroSchema: Sendable {
    case null, boolean, int, long, float, double, bytes, string
    case record(AvroRecordSchema)
    case enumeration(AvroEnumSchema)
    case array(AvroSchema)
    case map(AvroSchema)
    case union([AvroSchema])
    case fixed(AvroFixedSchema)

    /// Type name as used in messages and for union branch identity.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .boolean: return "boolean"
        case .int: return "int"
        case .long: return "long"
        case .float: return "float"
        case .double: return "double"
        case .bytes: return "bytes"
        case .string: return "string"
        case .record(let r): return r.fullName
        case .enumeration(let e): return e.fullName
        case .array: return "array"
        case .map: return "map"
        case .union: return "union"
        case .fixed(let f): return f.fullName
        }
    }

    /// True when a value of this schema occupies no bytes (used to bound
    /// block counts read from untrusted files).
    var encodesToNothing: Bool {
        switch self {
        case .null: return true
        case .fixed(let f): return f.size == 0
        case .record(let r): return r.fields.allSatisfy { $0.schema.encodesToNothing }
        default: return false
        }
    }
}

/// A class so that a record may refer to itself by name. `fields` is set
/// while the schema is parsed, before the document exists, and never after:
/// a parsed schema is immutable, hence shareable across threads.
package final class AvroRecordSchema: @unchecked Sendable {
    package let name: String
    let namespace: String?
    package internal(set) var fields: [AvroField] = []
    init(name: String, namespace: String?) {
        self.name = name
        self.namespace = namespace
    }
    var fullName: String { namespace.map { "\($0).\(name)" } ?? name }
}

package struct AvroField: Sendable {
    package let name: String
    package let schema: AvroSchema
    let defaultValue: JSONValue?
}

package struct AvroEnumSchema: Sendable {
    package let name: String
    let namespace: String?
    let symbols: [String]
    var fullName: String { namespace.map { "\($0).\(name)" } ?? name }
}

package struct AvroFixedSchema: Sendable {
    package let name: String
    let namespace: String?
    let size: Int
    var fullName: String { namespace.map { "\($0).\(name)" } ?? name }
}
