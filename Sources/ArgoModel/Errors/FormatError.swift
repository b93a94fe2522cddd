/// Bytes or text that are not what their format says: an Avro file, schema
/// or value, a JSON or XML document, a deflate block, a feed of the wrong
/// shape, a tag selection. The description is the one line a user sees.
package struct FormatError: Error, CustomStringConvertible, Equatable, Sendable {
    package enum Format: String, Sendable {
        case avro, avroSchema, json, jsonShape, xml, deflate, tagSelection, csv
    }

    package let format: Format
    /// Where in the input: a field path (`[3].site[0].id`), `byte 12`, `line 4`.
    package internal(set) var location: String?
    package let message: String

    package init(_ format: Format, _ message: String, at location: String? = nil) {
        self.format = format
        self.message = message
        self.location = location
    }

    package var description: String {
        switch format {
        case .avroSchema: return "invalid Avro schema: \(message)"
        case .json: return "invalid JSON" + (location.map { " at \($0)" } ?? "") + ": \(message)"
        case .xml: return "XML error" + (location.map { " at \($0)" } ?? "") + ": \(message)"
        case .avro, .jsonShape, .deflate, .tagSelection, .csv:
            guard let location, !location.isEmpty else { return message }
            return "\(location): \(message)"
        }
    }

    /// The same error with `outer` put before its location (for nested Avro values).
    func nested(under outer: String) -> FormatError {
        var copy = self
        copy.location = outer + (location ?? "")
        return copy
    }
}
