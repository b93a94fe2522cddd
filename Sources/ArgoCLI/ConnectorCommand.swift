import ArgoConnectors
import ArgoModel

/// The command of one connector of the catalogue.
enum ConnectorCommand {
    /// For connectors without a default day.
    static let requiredDate = Option<RunDate>(date: "date", short: "d", help: "day to fetch for and to name files by (required)")

    static func spec(_ connector: any Connector.Type) -> CommandSpec {
        let descriptor = connector.descriptor
        let dateOption = descriptor.requiresDate ? requiredDate : CommonOptions.date
        let ownFlags = descriptor.flags.map { Flag($0.name, help: $0.help) }
        return CommandSpec(name: descriptor.command, summary: descriptor.summary,
                           options: CommonOptions.configuration + [dateOption] + RunOptions.all + ownFlags, details: descriptor.details) { arguments, environment in
            if descriptor.requiresDate { _ = try arguments.required(requiredDate) }
            guard let session = try ConnectorSession.start(arguments, environment: environment, dateOption: dateOption) else {
                return .usageOrConfiguration
            }
            let given = Set(ownFlags.filter { arguments[$0] }.map(\.spec.long))
            return session.run(connector, flags: given).succeeded ? .success : .runtimeFailure
        }
    }
}
