import ArgoConnectors
import ArgoModel
import ArgoSystem
import FoundationEssentials
import Logging

/// The four connectors, as commands and as steps of `all`.
enum ConnectorKind: String, CaseIterable, Sendable {
    case topology, downtimes, weights, poem

    func make(http: HTTPClient, date: RunDate, logger: Logger) -> any Connector {
        switch self {
        case .topology: return TopologyConnector(http: http)
        case .downtimes: return DowntimesConnector(http: http, date: date)
        case .weights: return WeightsConnector(http: http, logger: logger)
        case .poem: return PoemConnector(http: http)
        }
    }

    var summary: String {
        switch self {
        case .topology: return "fetch GOCDB topology (sites or service groups and their endpoints)"
        case .downtimes: return "fetch GOCDB scheduled downtimes for a day"
        case .weights: return "fetch VAPOR site weights (ComputationPower)"
        case .poem: return "fetch POEM metric profiles"
        }
    }

    var details: String {
        switch self {
        case .topology: return "Writes TopologyGroupOfGroups and TopologyGroupOfEndpoints for every job."
        case .downtimes: return "Writes Downtimes for every job: scheduled outages overlapping the day, clipped to it."
        case .weights: return "Writes Weights for every job; jobs on the same WeightsFeed share one fetch."
        case .poem: return "Writes Poem for every job with Profiles. A job any of whose profiles is missing,\nrefused, of another VO or malformed fails and writes nothing."
        }
    }
}

/// Options shared by every command that runs connectors.
enum RunOptions {
    static let dryRun = Flag("dry-run", help: "fetch, parse and select, then print what would be written and published; change nothing")
    static let jobs = Option<Int>("jobs", minimum: 1, help: "distinct feeds fetched at once (default 4)")
    static let verbose = Flag("verbose", short: "v", help: "also log debug lines")
    static let quiet = Flag("quiet", short: "q", help: "log only warnings and errors, no progress line")
    static let logFile = Option<String>("log-file", value: "PATH", help: "also append log lines to PATH")
    static let syslog = Flag("syslog", help: "also log to syslog (facility daemon), as the Python connectors did")

    static let all: [any OptionDeclaration] = [dryRun, jobs, verbose, quiet, logFile, syslog]
}

/// Everything a connector run needs, built once from the command line.
struct ConnectorSession {
    let configuration: Configuration
    let date: RunDate
    let dryRun: Bool
    let parallelFetches: Int

    /// Nil when the configuration is invalid (its problems are printed).
    static func start(_ arguments: ParsedArguments, dateOption: Option<RunDate>) throws -> ConnectorSession? {
        let date = try arguments.value(dateOption) ?? RunDate.yesterday()
        let parallel = try arguments.value(RunOptions.jobs) ?? 4
        let verbose = arguments[RunOptions.verbose], quiet = arguments[RunOptions.quiet]
        if verbose && quiet {
            throw UsageError(message: "--verbose and --quiet exclude each other", command: arguments.command)
        }
        let level: Logger.Level = verbose ? .debug : (quiet ? .warning : .info)
        do {
            try LogDestinations.shared.configure(level: level, logFile: try arguments.value(RunOptions.logFile),
                                                 syslog: arguments[RunOptions.syslog])
        } catch let error as OutputError {
            throw UsageError(message: error.description, command: nil)
        }
        if quiet { ProgressDisplay.shared.disable() }
        let (configuration, log) = try CommonOptions.load(arguments)
        for diagnostic in log.entries { Console.err(diagnostic.description) }
        guard let configuration else { return nil }
        return ConnectorSession(configuration: configuration, date: date, dryRun: arguments[RunOptions.dryRun], parallelFetches: parallel)
    }

    func run(_ kind: ConnectorKind) -> RunOutcome {
        let logger = Logger(label: kind.rawValue)
        let global = configuration.global
        let settings = HTTPSettings(connection: global.connection, authentication: global.authentication, userAgent: Application.userAgent)
        let http = HTTPClient(settings: settings, logger: logger, observer: ProgressDisplay.shared)
        let sinks: [Sink] = dryRun
            ? [DryRunSink(writesFiles: global.writeAvro, publishesToAms: global.publishAms)]
            : [global.writeAvro ? AvroFileSink() as Sink : nil, global.publishAms ? AmsSink(http: http) : nil].compactMap { $0 }
        let stateFiles = dryRun ? nil : global.stateSaveDir.map { StateFiles(saveDir: $0, days: global.stateDays) }
        let runner = JobRunner(configuration: configuration, date: date, sinks: sinks, logger: logger,
                               parallelFetches: parallelFetches, stateFiles: stateFiles)
        return Self.run(kind.make(http: http, date: date, logger: logger), with: runner)
    }

    private static func run(_ connector: some Connector, with runner: JobRunner) -> RunOutcome {
        runner.run(connector)
    }
}

enum ConnectorCommand {
    /// `downtimes` takes no default day.
    static let requiredDate = Option<RunDate>(date: "date", short: "d", help: "day to fetch for and to name files by (required)")

    static func spec(_ kind: ConnectorKind) -> CommandSpec {
        let dateOption = kind == .downtimes ? requiredDate : CommonOptions.date
        return CommandSpec(name: kind.rawValue, summary: kind.summary, options: CommonOptions.configuration + [dateOption] + RunOptions.all,
                           details: kind.details) { arguments in
            if kind == .downtimes { _ = try arguments.required(requiredDate) }
            guard let session = try ConnectorSession.start(arguments, dateOption: dateOption) else { return .usageOrConfiguration }
            return session.run(kind).succeeded ? .success : .runtimeFailure
        }
    }
}

/// `all`: the four connectors for one day in one run (one cron line).
enum AllCommand {
    static var spec: CommandSpec {
        CommandSpec(name: "all", summary: "run topology, downtimes, weights and poem for a day, then print a table of results",
                    options: CommonOptions.configuration + [CommonOptions.date] + RunOptions.all,
                    details: "Carries on past failures; exits 1 if any job of any connector failed.") { arguments in
            guard let session = try ConnectorSession.start(arguments, dateOption: CommonOptions.date) else { return .usageOrConfiguration }
            let outcomes = ConnectorKind.allCases.map { session.run($0) }
            Console.out(table(outcomes, session: session))
            return outcomes.allSatisfy(\.succeeded) ? .success : .runtimeFailure
        }
    }

    /// One row per job, one column per connector: ok, failed, or - (nothing to do).
    static func table(_ outcomes: [RunOutcome], session: ConnectorSession) -> String {
        var rows = [["CUSTOMER", "JOB"] + outcomes.map(\.connector)]
        for customer in session.configuration.customers.customers {
            for job in customer.jobs {
                rows.append([customer.name, job.section] + outcomes.map { outcome in
                    guard let result = outcome.jobs.first(where: { $0.target.customer.section == customer.section && $0.target.job.section == job.section })
                    else { return "-" }
                    return result.succeeded ? "ok" : "failed"
                })
            }
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max()! }
        let lines = rows.map { row in zip(row, widths).map { $0.padding(toLength: $1 + 1) }.joined().trimmingBlanks() }
        return "Results for \(session.date):\n" + lines.joined(separator: "\n")
    }
}
