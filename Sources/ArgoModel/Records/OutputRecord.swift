/// A record of one output kind. Its fields are declared once, as a list
/// of Avro field names with how to read each from the record; the pipeline
/// binds them to the configured schema by name.
package protocol OutputRecord: Sendable {
    static var kind: OutputKind { get }
    static var fields: [OutputField<Self>] { get }
    /// The field values in `fields` order (derived from `fields` unless a
    /// record on a hot path spells it out; a test holds the two equal).
    var avroFields: [AvroValue] { get }
}

extension OutputRecord {
    package static var fieldNames: [String] { fields.map(\.name) }

    /// The record's field values, in `fields` order.
    @inlinable
    package var avroFields: [AvroValue] { Self.fields.map { $0.value(self) } }
}
