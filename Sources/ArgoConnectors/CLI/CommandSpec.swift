/// Process exit statuses, documented in README and `--help`.
public enum ExitStatus: Int32 {
    case success = 0
    /// A job, feed or file failed at run time.
    case runtimeFailure = 1
    /// Bad command line or configuration.
    case usageOrConfiguration = 2
}

/// One option in the declarative table from which parsing, `--help` and
/// error messages are all generated.
public struct OptionSpec {
    public let long: String
    public let short: Character?
    /// Placeholder of the value (`PATH`); nil for a flag.
    public let valueName: String?
    public let help: String

    public init(_ long: String, short: Character? = nil, value: String? = nil, help: String) {
        self.long = long
        self.short = short
        self.valueName = value
        self.help = help
    }

    var isFlag: Bool { valueName == nil }

    var synopsis: String {
        let names = [short.map { "-\($0)" }, "--\(long)"].compactMap { $0 }.joined(separator: ", ")
        return valueName.map { "\(names) \($0)" } ?? names
    }
}

/// A command: its name, options, positional arguments and the code that runs it.
public struct CommandSpec {
    public let name: String
    public let summary: String
    public let options: [OptionSpec]
    /// Positional arguments for the usage line, e.g. `FILE...`; nil when none are taken.
    public let positionals: String?
    public let positionalRange: ClosedRange<Int>
    /// Extra paragraphs shown by `--help`.
    public let details: String?
    public let run: (ParsedArguments) throws -> ExitStatus

    public init(name: String, summary: String, options: [OptionSpec], positionals: String? = nil,
                positionalRange: ClosedRange<Int> = 0...0, details: String? = nil,
                run: @escaping (ParsedArguments) throws -> ExitStatus) {
        self.name = name
        self.summary = summary
        self.options = options
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

/// What the parser found on the command line for one command.
public struct ParsedArguments {
    public var values: [String: String] = [:]
    public var flags: Set<String> = []
    public var positionals: [String] = []
    public let command: CommandSpec

    public func value(_ long: String) -> String? { values[long] }
    public func flag(_ long: String) -> Bool { flags.contains(long) }
}

/// A command-line mistake: printed with the usage line, exit status 2.
public struct UsageError: Error, CustomStringConvertible {
    public let message: String
    public let command: CommandSpec?
    public var description: String { message }
}
