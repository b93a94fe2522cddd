import Logging

/// Log lines as `LEVEL connector message`, where messages about a job start
/// with `Customer:X Job:Y`; sent to every configured destination.
public struct ConsoleLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String) {
        self.label = label
        logLevel = LogDestinations.shared.level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        LogDestinations.shared.write(level: event.level, label: label, message: "\(event.message)")
    }

    /// Installs the handler for the process (once, from the executable).
    public static func bootstrap() {
        LoggingSystem.bootstrap { ConsoleLogHandler(label: $0) }
    }
}
