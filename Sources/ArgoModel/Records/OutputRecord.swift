/// A record of one output kind. Its fields are declared once, as a list
/// of Avro field names with how to read each from the record; the pipeline
/// binds them to the configured schema by name.
public protocol OutputRecord: Sendable {
    static var kind: OutputKind { get }
    static var fields: [OutputField<Self>] { get }
}

/// One Avro field of an output record: its name and its value.
public struct OutputField<Record>: Sendable {
    public let name: String
    public let value: @Sendable (Record) -> AvroValue

    public init(_ name: String, _ value: @escaping @Sendable (Record) -> AvroValue) {
        self.name = name
        self.value = value
    }

    public static func string(_ name: String, _ text: @escaping @Sendable (Record) -> String) -> Self {
        Self(name) { .string(text($0)) }
    }

    /// A `map<string>` field, as ARGO's `tags`.
    public static func tags(_ name: String, _ tags: @escaping @Sendable (Record) -> [(String, String)]) -> Self {
        Self(name) { .stringMap(tags($0)) }
    }
}

extension OutputRecord {
    public static var fieldNames: [String] { fields.map(\.name) }

    /// The record's field values, in `fields` order. Inlinable: it runs once
    /// per record written, and specialised it costs no generic dispatch.
    @inlinable
    public var avroFields: [AvroValue] { Self.fields.map { $0.value(self) } }
}
