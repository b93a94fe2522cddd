import Logging

/// The shape shared by every connector command: read the configuration,
/// build HTTP and sinks, run the job loop, exit 0/1/2.
enum ConnectorCommand {
    static func spec(name: String, summary: String, dateRequired: Bool = false, details: String? = nil,
                     makeConnector: @escaping (HttpClient, RunDate, Logger) -> any Connector) -> CommandSpec {
        let dateOption = dateRequired
            ? OptionSpec("date", short: "d", value: "YYYY-MM-DD", help: "day to fetch for and to name files by (required)")
            : CommonOptions.date
        return CommandSpec(name: name, summary: summary, options: CommonOptions.configuration + [dateOption],
                           details: details) { arguments in
            let date = try CommonOptions.runDate(arguments, required: dateRequired)
            guard let configuration = CommonOptions.loadConfiguration(arguments) else { return .usageOrConfiguration }
            let logger = Logger(label: name)
            let http = HttpClient(settings: HttpSettings(connection: configuration.global.connection,
                                                         authentication: configuration.global.authentication),
                                  logger: logger)
            let runner = JobRunner(configuration: configuration, date: date, sinks: sinks(for: configuration, http: http), logger: logger)
            return run(makeConnector(http, date, logger), with: runner).exitStatus
        }
    }

    private static func run(_ connector: some Connector, with runner: JobRunner) -> RunOutcome {
        runner.run(connector)
    }

    static func sinks(for configuration: Configuration, http: HttpClient) -> [Sink] {
        var sinks: [Sink] = []
        if configuration.global.writeAvro { sinks.append(AvroFileSink(global: configuration.global)) }
        if configuration.global.publishAms { sinks.append(AmsSink(http: http)) }
        return sinks
    }
}

enum TopologyCommand {
    static var spec: CommandSpec {
        ConnectorCommand.spec(name: "topology", summary: "fetch GOCDB topology (sites or service groups and their endpoints)",
                              details: "Writes TopologyGroupOfGroups and TopologyGroupOfEndpoints for every job.") { http, _, _ in
            TopologyConnector(http: http)
        }
    }
}

enum DowntimesCommand {
    static var spec: CommandSpec {
        ConnectorCommand.spec(name: "downtimes", summary: "fetch GOCDB scheduled downtimes for a day", dateRequired: true,
                              details: "Writes Downtimes for every job: scheduled outages overlapping the day, clipped to it.") { http, date, _ in
            DowntimesConnector(http: http, date: date)
        }
    }
}

enum WeightsCommand {
    static var spec: CommandSpec {
        ConnectorCommand.spec(name: "weights", summary: "fetch VAPOR site weights (ComputationPower)",
                              details: "Writes Weights for every job; jobs on the same WeightsFeed share one fetch.") { http, _, logger in
            WeightsConnector(http: http, logger: logger)
        }
    }
}

enum PoemCommand {
    static var spec: CommandSpec {
        ConnectorCommand.spec(name: "poem", summary: "fetch POEM metric profiles",
                              details: "Writes Poem for every job with Profiles. A job any of whose profiles is missing,\nrefused, of another VO or malformed fails and writes nothing.") { http, _, _ in
            PoemConnector(http: http)
        }
    }
}
