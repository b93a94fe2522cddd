import Logging

/// Log lines as `LEVEL label message`; a line about a customer or job (its
/// `customer` and `job` metadata) reads `LEVEL label Customer:X Job:Y message`,
/// as the Python connectors wrote them. Sent to every destination of the run.
struct ConsoleLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    private let label: String
    private let destinations: LogDestinations

    init(label: String, destinations: LogDestinations) {
        self.label = label
        self.destinations = destinations
        logLevel = destinations.level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        let merged = event.metadata.map { metadata.merging($0) { $1 } } ?? metadata
        destinations.write(level: event.level, label: label, message: Self.prefix(merged) + "\(event.message)")
    }

    /// `Customer:X Job:Y `, `Customer:X ` or nothing.
    static func prefix(_ metadata: Logger.Metadata) -> String {
        guard let customer = metadata[LogKey.customer] else { return "" }
        return "Customer:\(customer) " + (metadata[LogKey.job].map { "Job:\($0) " } ?? "")
    }
}

/// The metadata keys the handler renders.
package enum LogKey {
    package static let customer = "customer"
    package static let job = "job"
}
