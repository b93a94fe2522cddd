import ArgoConnectors
import ArgoModel
import ArgoSystem

/// Options shared by every command that runs connectors.
enum RunOptions {
    static let dryRun = Flag("dry-run", help: "fetch, parse and select, then print what would be written and published; change nothing")
    static let jobs = Option<Int>("jobs", minimum: 1, help: "distinct feeds fetched at once (default 4)")
    static let verbose = Flag("verbose", short: "v", help: "also log debug lines")
    static let quiet = Flag("quiet", short: "q", help: "show only errors (the log file and syslog keep everything): cron mails only failures")
    static let logFile = Option<String>("log-file", value: "PATH", help: "also append log lines to PATH")
    static let syslog = Flag("syslog", help: "also log to syslog, facility user, as the Python connectors did")
    static let syslogFacility = Option<SyslogFacility>("syslog-facility", value: "NAME", help: "with --syslog, this facility (user, daemon, local0-local7)",
                                                       expectation: "is not one of \(SyslogFacility.names.joined(separator: ", "))") { SyslogFacility(named: $0) }

    static let allowShrink = Flag("allow-shrink", help: "accept, this once, a topology or weights result that lost more than ShrinkLimit percent of its records")

    static let waitLock = Option<Int>("wait-lock", value: "SECONDS", minimum: 0,
                                      help: "wait that long for a run of the same connector on the same configuration to end (default: exit 1 at once)")

    static let allowFuture = Flag("allow-future", help: "run for a -d after tomorrow (refused otherwise: a mistyped year would pass for a day)")

    static let all: [any OptionDeclaration] = [dryRun, jobs, verbose, quiet, logFile, syslog, syslogFacility, allowShrink, waitLock, allowFuture]
}
