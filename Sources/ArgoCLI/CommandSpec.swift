import ArgoModel
import ArgoSystem

/// A command: its name, options, positional arguments and the code that
/// runs it. Parsing, `--help` and error messages are all generated from it.
package struct CommandSpec: Sendable {
    /// Runs the command on its parsed arguments, writing to the environment's streams.
    package typealias Action = @Sendable (ParsedArguments, RunEnvironment) throws -> ExitStatus

    package let name: String
    package let summary: String
    package let options: [OptionSpec]
    /// Positional arguments for the usage line, e.g. `FILE...`; nil when none are taken.
    let positionals: String?
    let positionalRange: ClosedRange<Int>
    /// Extra paragraphs shown by `--help`.
    let details: String?
    /// What its exit statuses mean (`--help`, the man page).
    let exitStatuses: [(status: Int32, meaning: String)]
    package let run: Action

    /// The exit statuses of a command that runs connectors or reads configurations.
    static let runStatuses: [(status: Int32, meaning: String)] = [
        (0, "success"), (1, "a job, feed or file failed at run time (other jobs still ran)"),
        (2, "usage or configuration error (nothing was fetched or written)"),
    ]

    init(name: String, summary: String, options: [any OptionDeclaration], positionals: String? = nil,
                positionalRange: ClosedRange<Int> = 0...0, details: String? = nil,
                exitStatuses: [(status: Int32, meaning: String)] = CommandSpec.runStatuses,
                run: @escaping Action) {
        self.exitStatuses = exitStatuses
        self.name = name
        self.summary = summary
        self.options = options.map(\.spec)
        self.positionals = positionals
        self.positionalRange = positionalRange
        self.details = details
        self.run = run
    }

    var usage: String {
        var parts = ["argo-connectors", name]
        if !options.isEmpty { parts.append("[options]") }
        if let positionals { parts.append(positionals) }
        return parts.joined(separator: " ")
    }
}
