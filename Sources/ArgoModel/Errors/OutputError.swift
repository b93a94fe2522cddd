/// An output that could not be delivered: a file or state file not
/// written, an AMS publish not (wholly) accepted. Names the path or the
/// destination; for a publish, how many records did not arrive.
package struct OutputError: Error, CustomStringConvertible, Sendable {
    /// The file path, or the AMS URL (credentials removed).
    let destination: String
    let reason: String
    /// Records not delivered, for publishes; nil for files.
    package let undelivered: Int?
    /// All the records the publish was to deliver.
    package let total: Int?

    package init(_ destination: String, _ reason: String) {
        self.destination = destination
        self.reason = reason
        undelivered = nil
        total = nil
    }

    package init(publishTo destination: String, _ reason: String, delivered: Int, undelivered: Int) {
        self.destination = destination
        self.reason = reason
        self.undelivered = undelivered
        total = delivered + undelivered
    }

    package var description: String {
        let place = destination.isEmpty ? "" : "\(destination): "
        guard let undelivered, let total else { return place + reason }
        return "\(place)\(reason); \(undelivered) of \(total) records not delivered (\(total - undelivered) delivered)"
    }
}
