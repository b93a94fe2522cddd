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
    /// `PROGRAM[PID]`: the syslog tag, and in every line of the log file (as the Python connectors logged).
    private let tag: String

    private struct State {
        /// The lowest level shown on the error stream (`-q`: errors only, so that cron mails only failures).
        var level: Logger.Level = .info
        /// The lowest level the log file and syslog keep (`-v`: debug; otherwise info, even with `-q`).
        var keptLevel: Logger.Level = .info
        var fileDescriptor: Int32 = -1
        var filePath = ""
        var syslog: SyslogSocket?
        var useSyslog: Bool { syslog != nil }
        /// Destinations that failed once: reported then, dropped silently after.
        var stderrFailed = false
        var fileFailed = false
    }

    private let state = Mutex(State())

    package init(errors: any TextOutput, progress: ProgressDisplay? = nil, level: Logger.Level = .info, program: String = "argo-connectors") {
        self.errors = errors
        self.progress = progress
        tag = "\(program)[\(getpid())]"
        state.withLock { $0.level = level }
    }

    /// The lowest level any destination takes: what loggers let through.
    package var level: Logger.Level { state.withLock { min($0.level, $0.fileDescriptor >= 0 || $0.useSyslog ? $0.keptLevel : $0.level) } }

    /// A logger whose lines go to these destinations; `customer` and `job`
    /// metadata become the `Customer:X Job:Y` prefix of its lines.
    package func logger(_ label: String) -> Logger {
        Logger(label: label) { ConsoleLogHandler(label: $0, destinations: self) }
    }

    /// Sets the destinations. A log file that cannot be opened, or a syslog
    /// that is not there, is not a reason to skip a night's run: the
    /// returned warnings say so, and the lines go to the other destinations.
    package func configure(level: Logger.Level, keptLevel: Logger.Level = .info, logFile: String?, syslog: SyslogFacility?,
                           syslogSocket: String = SyslogSocket.defaultPath) -> [String] {
        state.withLock { state in
            state.level = level
            state.keptLevel = keptLevel
            var warnings: [String] = []
            if let syslog, !state.useSyslog {
                let socket = SyslogSocket(path: syslogSocket, facility: syslog, tag: tag)
                state.syslog = socket
                if let problem = socket.problem { warnings.append("--syslog: \(syslogSocket) \(problem); syslog gets no line of this run") }
            }
            guard let logFile else { return warnings }
            // Without blocking: a FIFO nobody reads would hold the run forever.
            let descriptor = open(logFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NONBLOCK, 0o640)
            guard descriptor >= 0 else {
                let reason = errno == ENXIO ? "a FIFO without a reader" : FileDescriptor.reason(errno)
                return warnings + ["--log-file \(logFile) cannot be opened (\(reason)); logging goes on without it"]
            }
            var status = stat()
            let kind = fstat(descriptor, &status) == 0 ? status.st_mode & S_IFMT : 0
            guard kind == S_IFREG || kind == S_IFCHR else {
                close(descriptor)
                return warnings + ["--log-file \(logFile) is not a regular file (a FIFO or socket could block the run); logging goes on without it"]
            }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
            if state.fileDescriptor >= 0 { close(state.fileDescriptor) }
            state.fileDescriptor = descriptor
            state.filePath = logFile
            return warnings
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
    /// `evenQuiet`: on the error stream also under `-q` (configuration warnings, for cron's mail).
    package func write(line: String, level: Logger.Level, evenQuiet: Bool = false) {
        let shown = state.withLock { level >= $0.level || (evenQuiet && level >= .warning) }
        if shown { progress?.clear() }
        let stderrError = shown ? errors.writeLine(line) : nil
        state.withLock { state in
            let kept = level >= state.keptLevel
            var problems: [String] = []
            if let stderrError, !state.stderrFailed {
                state.stderrFailed = true
                problems.append("standard error cannot be written (\(FileDescriptor.reason(stderrError))); its log lines are dropped")
            }
            if kept, state.fileDescriptor >= 0, !state.fileFailed,
               let fileError = FileDescriptor.writeAll(state.fileDescriptor, Array("\(Self.timestamp()) \(tag): \(line)\n".utf8)) {
                state.fileFailed = true
                problems.append("log file \(state.filePath) cannot be written (\(FileDescriptor.reason(fileError))); its log lines are dropped")
            }
            if kept { state.syslog?.send(Self.priority(level), line) }
            for problem in problems { report(problem, in: &state) }
        }
    }

    /// A destination's failure, on those that still work.
    private func report(_ problem: String, in state: inout State) {
        let line = "WARNING logging \(problem)"
        if !state.stderrFailed { errors.writeLine(line) }
        if state.fileDescriptor >= 0, !state.fileFailed {
            FileDescriptor.writeAll(state.fileDescriptor, Array("\(Self.timestamp()) \(tag): \(line)\n".utf8))
        }
        state.syslog?.send(Self.priority(.warning), line)
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

/// The syslog facility of `--syslog` (`--syslog-facility`): `user`, as the
/// 1.7 connectors logged, unless another is named.
package struct SyslogFacility: Sendable, Equatable {
    package let name: String
    let code: Int32

    package static let user = SyslogFacility(name: "user", code: LOG_USER)
    package static let names: [String] = ["user", "daemon"] + (0...7).map { "local\($0)" }

    package init?(named name: String) {
        let codes: [String: Int32] = ["user": LOG_USER, "daemon": LOG_DAEMON, "local0": LOG_LOCAL0, "local1": LOG_LOCAL1, "local2": LOG_LOCAL2,
                                      "local3": LOG_LOCAL3, "local4": LOG_LOCAL4, "local5": LOG_LOCAL5, "local6": LOG_LOCAL6, "local7": LOG_LOCAL7]
        guard let code = codes[name.lowercased()] else { return nil }
        self.init(name: name.lowercased(), code: code)
    }

    private init(name: String, code: Int32) {
        self.name = name
        self.code = code
    }
}
