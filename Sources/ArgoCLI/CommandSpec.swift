import ArgoModel

/// Process exit statuses, documented in README and `--help`.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// A job, feed or file failed at run time.
    case runtimeFailure = 1
    /// Bad command line or configuration.
    case usageOrConfiguration = 2
}

/// A command: its name, options, positional arguments and the code that
/// runs it. Parsing, `--help` and error messages are all generated from it.
public struct CommandSpec: Sendable {
    public let name: String
    public let summary: String
    public let options: [OptionSpec]
    /// Positional arguments for the usage line, e.g. `FILE...`; nil when none are taken.
    public let positionals: String?
    public let positionalRange: ClosedRange<Int>
    /// Extra paragraphs shown by `--help`.
    public let details: String?
    public let run: @Sendable (ParsedArguments) throws -> ExitStatus

    public init(name: String, summary: String, options: [any OptionDeclaration], positionals: String? = nil,
                positionalRange: ClosedRange<Int> = 0...0, details: String? = nil,
                run: @escaping @Sendable (ParsedArguments) throws -> ExitStatus) {
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

/// What the parser found on the command line for one command. Options are
/// read through their declarations (`arguments[RunOptions.quiet]`,
/// `try arguments.value(RunOptions.jobs)`), never by a name typed again.
public struct ParsedArguments: Sendable {
    var values: [String: String] = [:]
    var flags: Set<String> = []
    public var positionals: [String] = []
    public let command: CommandSpec

    init(command: CommandSpec) {
        self.command = command
    }

    public subscript(flag: Flag) -> Bool {
        assert(declares(flag.spec), "--\(flag.spec.long) is not an option of '\(command.name)'")
        return flags.contains(flag.spec.long)
    }

    /// The option's value converted, nil when not given; a value that does
    /// not convert is a usage error naming the option and the value.
    public func value<Value>(_ option: Option<Value>) throws -> Value? {
        assert(declares(option.spec), "--\(option.spec.long) is not an option of '\(command.name)'")
        guard let text = values[option.spec.long] else { return nil }
        guard let value = option.convert(text) else {
            throw UsageError(message: "\(option.spec.displayName) \(text) \(option.expectation)", command: command)
        }
        return value
    }

    /// The value, or a usage error saying the command needs it.
    public func required<Value>(_ option: Option<Value>) throws -> Value {
        guard let value = try value(option) else {
            throw UsageError(message: "'\(command.name)' needs \(option.spec.displayName) \(option.spec.valueName ?? "")", command: command)
        }
        return value
    }

    private func declares(_ spec: OptionSpec) -> Bool {
        command.options.contains { $0.long == spec.long }
    }
}

/// A command-line mistake: printed with the usage line, exit status 2.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let command: CommandSpec?
    public var description: String { message }
}
