import Glibc
import ArgoModel
import Logging
import Synchronization

/// Where a run's log lines go, decided once from the command line (-v,
/// -q, --log-file, --syslog): the run's error stream, a log file, syslog.
/// One per run, handed to its loggers (`logger(_:)`); shared by the threads
/// of the run, so its state sits behind a mutex.
package final class LogDestinations: Sendable {
    private let errors: any TextOutput
    /// The terminal's status line, cleared before a log line.
    private let progress: ProgressDisplay?

    private struct State {
        var level: Logger.Level = .info
        var fileDescriptor: Int32 = -1
        var filePath = ""
        var useSyslog = false
        /// Destinations that failed once: reported then, dropped silently after.
        var stderrFailed = false
        var fileFailed = false
    }

    private let state = Mutex(State())

    package init(errors: any TextOutput, progress: ProgressDisplay? = nil, level: Logger.Level = .info) {
        self.errors = errors
        self.progress = progress
        state.withLock { $0.level = level }
    }

    package var level: Logger.Level { state.withLock { $0.level } }

    /// A logger whose lines go to these destinations; `customer` and `job`
    /// metadata become the `Customer:X Job:Y` prefix of its lines.
    package func logger(_ label: String) -> Logger {
        Logger(label: label) { ConsoleLogHandler(label: $0, destinations: self) }
    }

    /// Sets the destinations. A log file that cannot be opened is not a
    /// reason to skip a night's run: the returned warning says so, and the
    /// lines go to the other destinations.
    package func configure(level: Logger.Level, logFile: String?, syslog: Bool) -> String? {
        state.withLock { state in
            state.level = level
            if syslog && !state.useSyslog {
                openlog("argo-connectors", LOG_PID, LOG_DAEMON)
                state.useSyslog = true
            }
            guard let logFile else { return nil }
            // Without blocking: a FIFO nobody reads would hold the run forever.
            let descriptor = open(logFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NONBLOCK, 0o640)
            guard descriptor >= 0 else {
                let reason = errno == ENXIO ? "a FIFO without a reader" : FileDescriptor.reason(errno)
                return "--log-file \(logFile) cannot be opened (\(reason)); logging goes on without it"
            }
            var status = stat()
            let kind = fstat(descriptor, &status) == 0 ? status.st_mode & S_IFMT : 0
            guard kind == S_IFREG || kind == S_IFCHR else {
                close(descriptor)
                return "--log-file \(logFile) is not a regular file (a FIFO or socket could block the run); logging goes on without it"
            }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
            if state.fileDescriptor >= 0 { close(state.fileDescriptor) }
            state.fileDescriptor = descriptor
            state.filePath = logFile
            return nil
        }
    }

    /// Writes a line everywhere it can go; a destination that fails (a full
    /// disk, a closed stderr) drops the line, and its failure is reported
    /// once on the destinations that still work. Never stops the run.
    func write(level: Logger.Level, label: String, message: String) {
        write(line: "\(level.rawValue.uppercased()) \(label) \(message)", level: level)
    }

    /// Writes a line as it is (a configuration file's `FILE:LINE: message`)
    /// everywhere log lines go; `level` is its syslog priority.
    package func write(line: String, level: Logger.Level) {
        progress?.clear()
        let stderrError = errors.writeLine(line)
        state.withLock { state in
            var problems: [String] = []
            if let stderrError, !state.stderrFailed {
                state.stderrFailed = true
                problems.append("standard error cannot be written (\(FileDescriptor.reason(stderrError))); its log lines are dropped")
            }
            if state.fileDescriptor >= 0, !state.fileFailed,
               let fileError = FileDescriptor.writeAll(state.fileDescriptor, Array("\(Self.timestamp()) \(line)\n".utf8)) {
                state.fileFailed = true
                problems.append("log file \(state.filePath) cannot be written (\(FileDescriptor.reason(fileError))); its log lines are dropped")
            }
            if state.useSyslog { Self.syslog(level, line) }
            for problem in problems { report(problem, in: &state) }
        }
    }

    /// A destination's failure, on those that still work.
    private func report(_ problem: String, in state: inout State) {
        let line = "WARNING logging \(problem)"
        if !state.stderrFailed { errors.writeLine(line) }
        if state.fileDescriptor >= 0, !state.fileFailed {
            FileDescriptor.writeAll(state.fileDescriptor, Array("\(Self.timestamp()) \(line)\n".utf8))
        }
        if state.useSyslog { Self.syslog(.warning, line) }
    }

    private static func syslog(_ level: Logger.Level, _ line: String) {
        line.withCString { text in withVaList([text]) { vsyslog(priority(level), "%s", $0) } }
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
