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
    package let positionals: String?
    package let positionalRange: ClosedRange<Int>
    /// Extra paragraphs shown by `--help`.
    package let details: String?
    package let run: Action

    package init(name: String, summary: String, options: [any OptionDeclaration], positionals: String? = nil,
                positionalRange: ClosedRange<Int> = 0...0, details: String? = nil,
                run: @escaping Action) {
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
