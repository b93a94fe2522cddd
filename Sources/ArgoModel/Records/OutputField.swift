/// One Avro field of an output record: its name and its value.
package struct OutputField<Record>: Sendable {
    package let name: String
    package let value: @Sendable (Record) -> AvroValue

    init(_ name: String, _ value: @escaping @Sendable (Record) -> AvroValue) {
        self.name = name
        self.value = value
    }

    package static func string(_ name: String, _ text: @escaping @Sendable (Record) -> String) -> Self {
        Self(name) { .string(text($0)) }
    }

    /// A `map<string>` field, as ARGO's `tags`.
    package static func tags(_ name: String, _ tags: @escaping @Sendable (Record) -> [(String, String)]) -> Self {
        Self(name) { .stringMap(tags($0)) }
    }
}
