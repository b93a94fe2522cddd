import Foundation
import Logging

/// Log lines on stderr as `LEVEL connector message`, where messages about a
/// job start with `Customer:X Job:Y`.
public struct ConsoleLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        Console.err("\(event.level.rawValue.uppercased()) \(label) \(event.message)")
    }

    /// Installs the handler for the process (once, from the executable).
    public static func bootstrap(level: Logger.Level = .info) {
        LoggingSystem.bootstrap { label in
            var handler = ConsoleLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
