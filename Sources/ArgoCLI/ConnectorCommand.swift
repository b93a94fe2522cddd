import ArgoConnectors
import ArgoModel
import ArgoSystem

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
