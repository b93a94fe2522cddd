import ArgoConnectors
import ArgoModel
import ArgoSystem
import Logging

/// Everything a connector run needs, built once from the command line.
struct ConnectorSession {
    let configuration: Configuration
    let date: RunDate
    let dryRun: Bool
    let parallelFetches: Int
    let allowShrink: Bool
    let waitLockSeconds: Int
    /// The configuration files as given, which name the configuration in lock messages.
    let customerPath: String
    let globalPath: String

    /// Nil when the configuration is invalid (its problems are printed).
    static func start(_ arguments: ParsedArguments, dateOption: Option<RunDate>) throws -> ConnectorSession? {
        let date = try arguments.value(dateOption) ?? LocalTime.yesterday()
        let parallel = try arguments.value(RunOptions.jobs) ?? 4
        let verbose = arguments[RunOptions.verbose], quiet = arguments[RunOptions.quiet]
        if verbose && quiet {
            throw UsageError(message: "--verbose and --quiet exclude each other", command: arguments.command)
        }
        let level: Logger.Level = verbose ? .debug : (quiet ? .warning : .info)
        if let warning = LogDestinations.shared.configure(level: level, logFile: try arguments.value(RunOptions.logFile),
                                                          syslog: arguments[RunOptions.syslog]) {
            Console.err("WARNING \(warning)")
        }
        if quiet { ProgressDisplay.shared.disable() }
        let (configuration, log) = try CommonOptions.load(arguments)
        guard let configuration else {
            for diagnostic in log.entries { Console.err(diagnostic.description) }
            return nil
        }
        // Errors that concern one connector, customer or job are logged by
        // the job runner with the jobs they stop; the rest of the run goes on.
        for diagnostic in log.entries where diagnostic.severity == .warning { Console.err(diagnostic.description) }
        return ConnectorSession(configuration: configuration, date: date, dryRun: arguments[RunOptions.dryRun], parallelFetches: parallel,
                                allowShrink: arguments[RunOptions.allowShrink], waitLockSeconds: try arguments.value(RunOptions.waitLock) ?? 0,
                                customerPath: try CommonOptions.customerPath(arguments), globalPath: try CommonOptions.globalPath(arguments))
    }

    /// Runs one connector under its lock (none for --dry-run, which changes nothing).
    func run(_ kind: ConnectorKind) -> RunOutcome {
        guard !dryRun else { return runUnlocked(kind) }
        let lock: RunLock
        do {
            lock = try acquireLock(kind)
        } catch let busy as RunLock.Busy {
            Console.err("ERROR \(kind.rawValue) \(kind.rawValue) is already running for \(customerPath) (pid \(busy.holder.map(String.init) ?? "unknown"))")
            return RunOutcome(failing: kind.rawValue)
        } catch {
            Console.err("ERROR \(kind.rawValue) \(error)")
            return RunOutcome(failing: kind.rawValue)
        }
        defer { withExtendedLifetime(lock) {} }
        return runUnlocked(kind)
    }

    /// One lock file per configuration and connector, in the state folder,
    /// else (none configured, or not writable) in /tmp.
    private func acquireLock(_ kind: ConnectorKind) throws -> RunLock {
        let identity = [customerPath, globalPath].map { LocalFiles.canonicalPath($0) }.joined(separator: "\n")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in identity.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let name = ".argo-connectors-\(kind.rawValue)-\(String(hash, radix: 16)).lock"
        let wait = Double(waitLockSeconds)
        guard let stateFolder = configuration.global.stateSaveDir else { return try RunLock.acquire(path: "/tmp/\(name)", waitSeconds: wait) }
        do {
            return try RunLock.acquire(path: "\(stateFolder)/\(name)", waitSeconds: wait)
        } catch is OutputError {
            return try RunLock.acquire(path: "/tmp/\(name)", waitSeconds: wait)
        }
    }

    private func runUnlocked(_ kind: ConnectorKind) -> RunOutcome {
        let logger = Logger(label: kind.rawValue)
        let global = configuration.global
        let settings = HTTPSettings(connection: global.connection, authentication: global.authentication, userAgent: Application.userAgent)
        let http = HTTPClient(settings: settings, logger: logger, observer: ProgressDisplay.shared)
        let sinks: [Sink] = dryRun
            ? [DryRunSink(writesFiles: global.writeAvro, publishesToAms: global.publishAms, writesJson: global.writeJson,
                          publishesToWebAPI: global.publishWebAPI)]
            : [global.writeAvro || global.writeJson ? AvroFileSink(writesAvro: global.writeAvro, writesJson: global.writeJson) as Sink : nil,
               global.publishAms ? amsSink(settings, logger: logger) : nil,
               global.publishWebAPI && kind != .poem ? webAPISink(settings, logger: logger) : nil].compactMap { $0 }
        if global.publishWebAPI && kind == .poem {
            logger.debug("metric profiles are not published to the WEB-API: they live there already")
        }
        let states = global.stateSaveDir.map { StateFiles(saveDir: $0, days: global.stateDays) }
        let stateFiles = dryRun ? nil : states
        let shrinkGuard = states.map { ShrinkGuard(stateFiles: $0, limitPercent: global.shrinkLimit, allowShrink: allowShrink) }
        let runner = JobRunner(configuration: configuration, date: date, sinks: sinks, logger: logger,
                               parallelFetches: parallelFetches, stateFiles: stateFiles, sweepsAbandonedFiles: !dryRun,
                               shrinkGuard: shrinkGuard, dryRun: dryRun)
        return Self.run(kind.make(http: http, date: date, logger: logger), with: runner)
    }

    /// The WEB-API, like AMS, by token alone.
    private func webAPISink(_ settings: HTTPSettings, logger: Logger) -> WebAPISink {
        WebAPISink(http: HTTPClient(settings: settings.withoutClientCertificate, logger: logger, observer: ProgressDisplay.shared))
    }

    /// AMS authenticates by token alone: the host certificate is for the feeds.
    private func amsSink(_ settings: HTTPSettings, logger: Logger) -> AmsSink {
        AmsSink(http: HTTPClient(settings: settings.withoutClientCertificate, logger: logger, observer: ProgressDisplay.shared))
    }

    private static func run(_ connector: some Connector, with runner: JobRunner) -> RunOutcome {
        runner.run(connector)
    }
}
