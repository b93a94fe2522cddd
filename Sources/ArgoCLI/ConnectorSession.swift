import ArgoConnectors
import ArgoModel
import ArgoSystem
import Logging

/// Everything a connector run needs, built once from the command line and
/// the run's environment.
struct ConnectorSession {
    let configuration: Configuration
    let date: RunDate
    let dryRun: Bool
    let parallelFetches: Int
    let allowShrink: Bool
    let waitLockSeconds: Int
    /// The configuration files as given, which name the configuration in lock messages.
    let customerPaths: [String]
    let globalPath: String
    let environment: RunEnvironment
    /// Where every line of the run goes: the error stream, the log file, syslog.
    let logs: LogDestinations
    /// The terminal's status line, when a person watches.
    let progress: ProgressDisplay?
    /// When the session started (the run's clock), for the end line.
    var startedAt: Double = 0

    /// Nil when the configuration is invalid (its problems are logged).
    static func start(_ arguments: ParsedArguments, environment: RunEnvironment, dateOption: Option<RunDate>) throws -> ConnectorSession? {
        let yesterday = environment.calendar.yesterday()
        let date = try arguments.value(dateOption) ?? yesterday
        // A day after tomorrow is a mistyped year far more often than a plan.
        if date > yesterday.adding(days: 2) && !arguments[RunOptions.allowFuture] {
            throw UsageError(message: "-d \(date) is after tomorrow (\(yesterday.adding(days: 2))): a mistyped year? --allow-future runs it", command: arguments.command)
        }
        let parallel = try arguments.value(RunOptions.jobs) ?? 4
        let verbose = arguments[RunOptions.verbose], quiet = arguments[RunOptions.quiet]
        if verbose && quiet {
            throw UsageError(message: "--verbose and --quiet exclude each other", command: arguments.command)
        }
        let level: Logger.Level = verbose ? .debug : (quiet ? .error : .info)
        let progress = !quiet && environment.errors.isTerminal ? ProgressDisplay(clock: environment.clock) : nil
        let logs = LogDestinations(errors: environment.errors, progress: progress, level: level, program: environment.programName)
        let facility = try arguments.value(RunOptions.syslogFacility)
        if facility != nil && !arguments[RunOptions.syslog] {
            throw UsageError(message: "--syslog-facility goes with --syslog", command: arguments.command)
        }
        for warning in logs.configure(level: level, keptLevel: verbose ? .debug : .info, logFile: try arguments.value(RunOptions.logFile),
                                      syslog: arguments[RunOptions.syslog] ? facility ?? .user : nil,
                                      // Another socket than /dev/log: for containers, and for the tests' listener.
                                      syslogSocket: environment.variables["ARGO_CONNECTORS_SYSLOG_SOCKET"] ?? SyslogSocket.defaultPath) {
            // Even -q shows it: the night's log would be missing.
            logs.write(line: "WARNING \(warning)", level: .warning, evenQuiet: true)
        }
        let paths = try CommonOptions.paths(arguments, variables: environment.variables)
        // The run's first line in the log file and syslog: what ran, on which files, for which day.
        logs.logger("argo-connectors").info("start: \(arguments.command.name) for \(date), \(paths.description)")
        logs.logger("argo-connectors").debug("\(paths.description)")
        let (configuration, log) = CommonOptions.load(paths)
        guard let configuration else {
            for diagnostic in log.entries where diagnostic.severity != .note {
                logs.write(line: diagnostic.description, level: diagnostic.severity == .error ? .error : .warning, evenQuiet: true)
            }
            logs.logger("argo-connectors").info("end: exit \(ExitStatus.usageOrConfiguration.rawValue), nothing ran (the configuration cannot be used)")
            return nil
        }
        // Errors that concern one connector, customer or job are logged by
        // the job runner with the jobs they stop; the rest of the run goes on.
        // Warnings reach cron's mail too (-q shows them): a misspelt option
        // may silently stop a connector.
        for diagnostic in log.entries where diagnostic.severity == .warning { logs.write(line: diagnostic.description, level: .warning, evenQuiet: true) }
        return ConnectorSession(configuration: configuration, date: date, dryRun: arguments[RunOptions.dryRun], parallelFetches: parallel,
                                allowShrink: arguments[RunOptions.allowShrink], waitLockSeconds: try arguments.value(RunOptions.waitLock) ?? 0,
                                customerPaths: paths.customers, globalPath: paths.global,
                                environment: environment, logs: logs, progress: progress, startedAt: environment.clock.now())
    }

    /// Runs a command's connectors under its lock (none for --dry-run,
    /// which changes nothing): the source named, else those that are some
    /// customer's source (the first when none is, to say there is nothing to do).
    func run(_ command: ConnectorCatalogue.Command, source: DataSource? = nil, flags: Set<String> = []) -> RunOutcome {
        let customers = configuration.customers.customers
        let chosen = command.connectors.filter { connector in
            source.map { connector.descriptor.source == $0 }
                ?? customers.contains { ConnectorCatalogue.isChosen(connector.descriptor, for: $0, source: nil) }
        }
        let connectors = chosen.isEmpty ? [command.connectors[0]] : chosen
        let descriptor = connectors[0].descriptor
        let logger = logs.logger(descriptor.command)
        let runAll = {
            RunOutcome(merging: connectors.enumerated().map { position, connector in
                runUnlocked(connector, logger: logger, flags: flags, source: source, reportsUnreadable: position == 0)
            })
        }
        guard !dryRun else { return runAll() }
        let lock: RunLock
        do {
            lock = try acquireLock(descriptor)
        } catch let busy as RunLock.Busy {
            logger.error("\(descriptor.command) is already running for \(customerPaths.joined(separator: ", ")) (pid \(busy.holder.map(String.init) ?? "unknown"))")
            return RunOutcome(failing: descriptor)
        } catch {
            logger.error("not run: no run lock: \(error)")
            return RunOutcome(failing: descriptor)
        }
        defer { withExtendedLifetime(lock) {} }
        return runAll()
    }

    /// One lock file per configuration and connector, in the state folder
    /// (`[InputState] SaveDir`), else (none, or not usable) in the first
    /// customer's OutputDir: folders the connectors own and write anyway,
    /// never one shared with other users. A run that cannot take its lock
    /// in either does not run.
    private func acquireLock(_ descriptor: ConnectorDescriptor) throws -> RunLock {
        // One lock per set of files: a customer file run alone and with others are different runs.
        let identity = (customerPaths + [globalPath]).map { LocalFiles.canonicalPath($0) }.joined(separator: "\n")
        let name = ".argo-connectors-\(descriptor.stateName)-\(String(FNV1a.hash(identity), radix: 16)).lock"
        let folders = [configuration.global.stateSaveDir, configuration.customers.customers.first?.outputDir].compactMap { $0 }
        var problems: [String] = []
        for folder in folders {
            do {
                return try RunLock.acquire(path: "\(folder)/\(name)", waitSeconds: Double(waitLockSeconds), clock: environment.clock,
                                           cancellation: environment.cancellation)
            } catch let problem as OutputError {
                problems.append("\(problem)")
            }
        }
        throw OutputError("run lock", problems.joined(separator: "; "))
    }

    private func runUnlocked<C: Connector>(_ connector: C.Type, logger: Logger, flags: Set<String>, source: DataSource?,
                                           reportsUnreadable: Bool) -> RunOutcome {
        let global = configuration.global
        let settings = HTTPSettings(connection: global.connection, authentication: global.authentication, userAgent: Application.userAgent)
        let http = client(settings, logger: logger)
        let chosen = SinkCatalogue.sinks(SinkContext(global: global, outputs: C.descriptor.outputs, http: http, cancellation: environment.cancellation))
        let sinks: [any Sink] = dryRun ? [DryRunSink(planning: chosen)] : chosen
        if global.publishWebAPI && !C.descriptor.outputs.contains(where: { WebAPIResource($0) != nil }) {
            logger.debug("\(C.descriptor.data.rawValue) is not published to the WEB-API: it lives there already")
        }
        let states = global.stateSaveDir.map { StateFiles(saveDir: $0, days: global.stateDays, today: environment.calendar.yesterday().adding(days: 1)) }
        let shrinkGuard = states.map { ShrinkGuard(stateFiles: $0, limitPercent: global.shrinkLimit, allowShrink: allowShrink) }
        let runner = JobRunner(configuration: configuration, date: date, sinks: sinks, logger: logger, cancellation: environment.cancellation,
                               parallelFetches: parallelFetches, stateFiles: dryRun ? nil : states, sweepsAbandonedFiles: !dryRun,
                               shrinkGuard: shrinkGuard, dryRun: dryRun)
        let ldap = LDAPClient(connection: global.connection, logger: logger, cancellation: environment.cancellation, clock: environment.clock)
        let context = ConnectorContext(http: http, ldap: ldap, date: date, logger: logger, flags: flags,
                                       passExtensions: global.passExtensions, saveDir: global.stateSaveDir)
        return runner.run(C(context: context), source: source, reportsUnreadable: reportsUnreadable)
    }

    private func client(_ settings: HTTPSettings, logger: Logger) -> HTTPClient {
        HTTPClient(settings: settings, logger: logger, observer: progress, cancellation: environment.cancellation, clock: environment.clock)
    }
}

extension ConnectorSession {
    /// The run's last line in the log file and syslog: its exit status and duration.
    func finish(_ status: ExitStatus) -> ExitStatus {
        let seconds = environment.clock.now() - startedAt
        logs.logger("argo-connectors").info("end: exit \(status.rawValue) in \(Double(Int((seconds * 1000).rounded())) / 1000) s")
        return status
    }
}
