import ArgoConnectors
import ArgoModel

/// The command of one kind of data: its connectors, one per source.
enum ConnectorCommand {
    /// For connectors without a default day.
    static let requiredDate = Option<RunDate>(date: "date", short: "d", help: "day to fetch for and to name files by (required)")

    /// `--source`, for a command with several sources.
    static func sourceOption(_ command: ConnectorCatalogue.Command) -> Option<DataSource> {
        let names = command.sources.map(\.optionValue)
        return Option("source", value: "NAME",
                      help: "fetch from this source (\(names.joined(separator: ", "))) for every tenant (default: each tenant's TopoType's)",
                      expectation: "is not one of \(names.joined(separator: ", "))") { text in
            command.sources.first { $0.optionValue == text.lowercased() }
        }
    }

    /// The switches of the command's sources, each once.
    private static func distinctFlags(_ command: ConnectorCatalogue.Command) -> [Flag] {
        var flags: [Flag] = []
        for flag in command.descriptors.flatMap(\.flags) where !flags.contains(where: { $0.spec.long == flag.name }) {
            flags.append(Flag(flag.name, help: flag.help))
        }
        return flags
    }

    static func spec(_ command: ConnectorCatalogue.Command) -> CommandSpec {
        let primary = command.descriptors[0]
        let dateOption = primary.requiresDate ? requiredDate : CommonOptions.date
        let ownFlags = distinctFlags(command)
        let source = command.connectors.count > 1 ? sourceOption(command) : nil
        let details = command.connectors.count > 1
            ? primary.details + "\nSources: " + command.descriptors.map { "\($0.source.optionValue) (\($0.scriptNames.joined(separator: ", ")))" }.joined(separator: ", ")
                + ".\nA 2.3.1 tenant's source is its TopoType's unless --source (or the script name) names one."
            : primary.details
        // The first source's summary, and the others a 2.3.1 tenant may take.
        let summary = command.connectors.count > 1
            ? primary.summary + "; 2.3.1 tenants also from " + command.sources.dropFirst().map(\.optionValue).joined(separator: ", ")
            : primary.summary
        return CommandSpec(name: command.name, summary: summary,
                           options: CommonOptions.configuration + [dateOption] + RunOptions.all + ownFlags + (source.map { [$0] } ?? []),
                           details: details) { arguments, environment in
            if primary.requiresDate { _ = try arguments.required(requiredDate) }
            let named = try source.flatMap { try arguments.value($0) }
            guard let session = try ConnectorSession.start(arguments, environment: environment, dateOption: dateOption) else {
                return .usageOrConfiguration
            }
            let given = Set(ownFlags.filter { arguments[$0] }.map(\.spec.long))
            return session.finish(session.run(command, source: named, flags: given).succeeded ? .success : .runtimeFailure)
        }
    }
}
