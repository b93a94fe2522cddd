/// Maps a typed record's named fields onto a record schema read from a
/// file, so an operator's schema may order fields differently or add
/// fields with defaults. Built once per output, then applied per record.
package struct AvroRecordBinding: Sendable {
    package let schema: AvroRecordSchema
    private enum Source { case field(Int), constant(AvroValue) }
    private let sources: [Source]
    /// The schema takes the fields as they come: nothing to rearrange.
    private let isIdentity: Bool

    package init(schema: AvroSchema, fieldNames: [String]) throws {
        guard case .record(let record) = schema else {
            throw FormatError(.avroSchema, "expected a record schema, found \(schema.typeName)")
        }
        self.schema = record
        sources = try record.fields.map { field in
            if let index = fieldNames.firstIndex(of: field.name) { return .field(index) }
            if let fallback = try Self.defaultValue(for: field) { return .constant(fallback) }
            throw FormatError(.avroSchema, "schema \(record.fullName) field '\(field.name)' has no value and no default (known fields: \(fieldNames.joined(separator: ", ")))")
        }
        isIdentity = record.fields.map(\.name) == fieldNames
    }

    private static func defaultValue(for field: AvroField) throws -> AvroValue? {
        switch (field.defaultValue, field.schema) {
        case (nil, .union(let branches)) where branches.contains(where: { if case .null = $0 { return true }; return false }):
            return .null
        case (.null?, _): return .null
        case (.string(let s)?, .string): return .string(s)
        case (.string(let s)?, .enumeration): return .enumSymbol(s)
        case (.bool(let b)?, .boolean): return .boolean(b)
        case (.number(let n)?, .int): return Int32(n).map(AvroValue.int)
        case (.number(let n)?, .long): return Int64(n).map(AvroValue.long)
        case (.number(let n)?, .double): return Double(n).map(AvroValue.double)
        case (.number(let n)?, .float): return Float(n).map(AvroValue.float)
        default: return nil
        }
    }

    package func bind(_ values: [AvroValue]) -> AvroValue {
        if isIdentity { return .record(values) }
        return .record(sources.map { source in
            switch source {
            case .field(let index): return values[index]
            case .constant(let value): return value
            }
        })
    }
}
