import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Where log lines go, decided once from the command line (-v, -q,
/// --log-file, --syslog). Process-wide because logging is: swift-log
/// bootstraps once per process.
public final class LogDestinations {
    public static let shared = LogDestinations()

    private let lock = NSLock()
    public private(set) var level: Logger.Level = .info
    private var file: FileHandle?
    private var useSyslog = false

    public func configure(level: Logger.Level, logFile: String?, syslog: Bool) throws {
        lock.lock()
        defer { lock.unlock() }
        self.level = level
        if let logFile {
            let descriptor = open(logFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
            guard descriptor >= 0 else {
                throw UsageError(message: "--log-file \(logFile): \(String(cString: strerror(errno)))", command: nil)
            }
            file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        }
        if syslog && !useSyslog {
            openlog("argo-connectors", LOG_PID, LOG_DAEMON)
            useSyslog = true
        }
    }

    func write(level: Logger.Level, label: String, message: String) {
        let line = "\(level.rawValue.uppercased()) \(label) \(message)"
        ProgressDisplay.shared.clear()
        Console.err(line)
        lock.lock()
        defer { lock.unlock() }
        if let file {
            let stamp = ISO8601DateFormatter().string(from: Date())
            file.write(Data("\(stamp) \(line)\n".utf8))
        }
        if useSyslog {
            withVaList([line]) { vsyslog(Self.priority(level), "%s", $0) }
        }
    }

    private static func priority(_ level: Logger.Level) -> Int32 {
        switch level {
        case .trace, .debug: return LOG_DEBUG
        case .info: return LOG_INFO
        case .notice: return LOG_NOTICE
        case .warning: return LOG_WARNING
        case .error: return LOG_ERR
        case .critical: return LOG_CRIT
        }
    }
}

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
