import Glibc
import ArgoModel
import Logging
import Synchronization

/// Where log lines go, decided once from the command line (-v, -q,
/// --log-file, --syslog). Process-wide because logging is: swift-log
/// bootstraps once per process. Its state sits behind a mutex.
public final class LogDestinations: Sendable {
    public static let shared = LogDestinations()

    private struct State {
        var level: Logger.Level = .info
        var fileDescriptor: Int32 = -1
        var useSyslog = false
    }

    private let state = Mutex(State())

    public var level: Logger.Level { state.withLock { $0.level } }

    /// Throws an `OutputError` naming the log file when it cannot be opened.
    public func configure(level: Logger.Level, logFile: String?, syslog: Bool) throws {
        try state.withLock { state in
            state.level = level
            if let logFile {
                let descriptor = open(logFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
                guard descriptor >= 0 else { throw OutputError("--log-file \(logFile)", FileDescriptor.reason(errno)) }
                if state.fileDescriptor >= 0 { close(state.fileDescriptor) }
                state.fileDescriptor = descriptor
            }
            if syslog && !state.useSyslog {
                openlog("argo-connectors", LOG_PID, LOG_DAEMON)
                state.useSyslog = true
            }
        }
    }

    func write(level: Logger.Level, label: String, message: String) {
        let line = "\(level.rawValue.uppercased()) \(label) \(message)"
        ProgressDisplay.shared.clear()
        Console.err(line)
        state.withLock { state in
            if state.fileDescriptor >= 0 {
                FileDescriptor.writeAll(state.fileDescriptor, Array("\(Self.timestamp()) \(line)\n".utf8))
            }
            if state.useSyslog {
                line.withCString { text in withVaList([text]) { vsyslog(Self.priority(level), "%s", $0) } }
            }
        }
    }

    /// Now in UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
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
