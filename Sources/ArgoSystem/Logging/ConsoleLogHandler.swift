import Logging

/// Log lines as `LEVEL connector message`, where messages about a job start
/// with `Customer:X Job:Y`; sent to every configured destination.
package struct ConsoleLogHandler: LogHandler {
    package var logLevel: Logger.Level
    package var metadata: Logger.Metadata = [:]
    private let label: String

    package init(label: String) {
        self.label = label
        logLevel = LogDestinations.shared.level
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        LogDestinations.shared.write(level: event.level, label: label, message: "\(event.message)")
    }

    /// Installs the handler for the process (once, from the executable).
    package static func bootstrap() {
        LoggingSystem.bootstrap { ConsoleLogHandler(label: $0) }
    }
}
