import ArgoModel

/// What the parser found on the command line for one command. Options are
/// read through their declarations (`arguments[RunOptions.quiet]`,
/// `try arguments.value(RunOptions.jobs)`), never by a name typed again.
package struct ParsedArguments: Sendable {
    var values: [String: String] = [:]
    /// The values of repeatable options, in the order given.
    var repeated: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []
    package let command: CommandSpec

    init(command: CommandSpec) {
        self.command = command
    }

    subscript(flag: Flag) -> Bool {
        assert(declares(flag.spec), "--\(flag.spec.long) is not an option of '\(command.name)'")
        return flags.contains(flag.spec.long)
    }

    /// The option's value converted, nil when not given; a value that does
    /// not convert is a usage error naming the option and the value.
    package func value<Value>(_ option: Option<Value>) throws -> Value? {
        assert(declares(option.spec), "--\(option.spec.long) is not an option of '\(command.name)'")
        guard let text = values[option.spec.long] else { return nil }
        guard let value = option.convert(text) else {
            throw UsageError(message: "\(option.spec.displayName) \(text) \(option.expectation)", command: command)
        }
        return value
    }

    /// Every value of a repeatable option, converted, in the order given.
    package func values<Value>(_ option: Option<Value>) throws -> [Value] {
        assert(declares(option.spec) && option.spec.repeatable, "--\(option.spec.long) is not a repeatable option of '\(command.name)'")
        return try (repeated[option.spec.long] ?? []).map { text in
            guard let value = option.convert(text) else {
                throw UsageError(message: "\(option.spec.displayName) \(text) \(option.expectation)", command: command)
            }
            return value
        }
    }

    /// The value, or a usage error saying the command needs it.
    func required<Value>(_ option: Option<Value>) throws -> Value {
        guard let value = try value(option) else {
            throw UsageError(message: "'\(command.name)' needs \(option.spec.displayName) \(option.spec.valueName ?? "")", command: command)
        }
        return value
    }

    private func declares(_ spec: OptionSpec) -> Bool {
        command.options.contains { $0.long == spec.long }
    }
}
