/// The longest text one field of a feed may carry (a host name, a metric,
/// a site): far beyond any real one, small enough that a hostile or broken
/// feed cannot make a record of megabytes. XML and JSON feeds alike.
package enum FieldLimit {
    package static let maxBytes = 64 * 1024

    /// `text`, or a format error naming where a field is too long.
    package static func checked(_ text: String, at path: String) throws -> String {
        guard text.utf8.count <= maxBytes else {
            throw FormatError(.jsonShape, "\(text.utf8.count) bytes long, more than the limit of \(maxBytes) for one field", at: path)
        }
        return text
    }
}
