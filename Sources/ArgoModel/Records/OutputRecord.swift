/// A record of one output kind. Its fields are declared once, as a list
/// of Avro field names with how to read each from the record; the pipeline
/// binds them to the configured schema by name.
public protocol OutputRecord: Sendable {
    static var kind: OutputKind { get }
    static var fields: [OutputField<Self>] { get }
}

extension OutputRecord {
    public static var fieldNames: [String] { fields.map(\.name) }

    /// The record's field values, in `fields` order. Inlinable: it runs once
    /// per record written, and specialised it costs no generic dispatch.
    @inlinable
    public var avroFields: [AvroValue] { Self.fields.map { $0.value(self) } }
}
