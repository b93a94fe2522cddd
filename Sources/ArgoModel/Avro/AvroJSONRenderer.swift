/// Renders decoded data as JSON lines, as `avro cat` does: records become
/// objects keyed by field name, unions show the chosen branch's value.
package enum AvroJSONRenderer {
    package static func json(_ value: AvroValue, schema: AvroSchema) -> JSONValue {
        switch (schema, value) {
        case let (.record(record), .record(fields)):
            return .object(zip(record.fields, fields).map { ($0.name, json($1, schema: $0.schema)) })
        case let (.union(branches), _):
            let index = AvroBinaryEncoder.branchIndex(for: value, in: branches)
            return index.map { json(value, schema: branches[$0]) } ?? plain(value)
        case let (.array(items), .array(values)):
            return .array(values.map { json($0, schema: items) })
        case let (.map(valueSchema), .map(entries)):
            return .object(entries.map { ($0.0, json($0.1, schema: valueSchema)) })
        default:
            return plain(value)
        }
    }

    private static func plain(_ value: AvroValue) -> JSONValue {
        switch value {
        case .null: return .null
        case .boolean(let b): return .bool(b)
        case .int(let i): return .number(String(i))
        case .long(let l): return .number(String(l))
        case .float(let f): return number(Double(f))
        case .double(let d): return number(d)
        case .bytes(let b), .fixed(let b):
            // Like Avro's JSON encoding: one code point per byte.
            return .string(String(String.UnicodeScalarView(b.map { Unicode.Scalar($0) })))
        case .string(let s), .enumSymbol(let s): return .string(s)
        case .array(let items): return .array(items.map(plain))
        case .map(let entries): return .object(entries.map { ($0.0, plain($0.1)) })
        case .record(let fields): return .array(fields.map(plain))
        }
    }

    private static func number(_ d: Double) -> JSONValue {
        if d.isNaN { return .string("NaN") }
        if d.isInfinite { return .string(d > 0 ? "Infinity" : "-Infinity") }
        return .number("\(d)")
    }
}
