import ArgoConnectors
import ArgoModel

/// The command of one connector of the catalogue.
enum ConnectorCommand {
    /// For connectors without a default day.
    static let requiredDate = Option<RunDate>(date: "date", short: "d", help: "day to fetch for and to name files by (required)")

    static func spec(_ connector: any Connector.Type) -> CommandSpec {
        let descriptor = connector.descriptor
        let dateOption = descriptor.requiresDate ? requiredDate : CommonOptions.date
        return CommandSpec(name: descriptor.command, summary: descriptor.summary,
                           options: CommonOptions.configuration + [dateOption] + RunOptions.all, details: descriptor.details) { arguments, environment in
            if descriptor.requiresDate { _ = try arguments.required(requiredDate) }
            guard let session = try ConnectorSession.start(arguments, environment: environment, dateOption: dateOption) else {
                return .usageOrConfiguration
            }
            return session.run(connector).succeeded ? .success : .runtimeFailure
        }
    }
}
