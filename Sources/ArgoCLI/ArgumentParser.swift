import ArgoModel

/// What a command line asks for.
enum ParseResult: Sendable {
    case run(ParsedArguments)
    /// `-h`/`--help` given as an option (not as a value, nor after `--`).
    case help
}

/// Parses a command's arguments against its declared options.
enum ArgumentParser {
    /// Every command takes it; it is not in their tables.
    static let help = Flag("help", short: "h", help: "show this help")

    package static func parse(_ arguments: [String], for command: CommandSpec) throws -> ParseResult {
        if asksForHelp(arguments, command: command) { return .help }
        return .run(try parseOptions(arguments, for: command))
    }

    /// Whether `-h`/`--help` stands as an option: before any `--`, and not
    /// as the value of an option that takes one (`--log-file -h`).
    static func asksForHelp(_ arguments: [String], command: CommandSpec) -> Bool {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" { return false }
            if argument == "-h" || argument == "--help" { return true }
            guard argument.hasPrefix("-"), argument != "-", !argument.contains("="),
                  let spec = try? lookUp(argument, in: command).0, !spec.isFlag else { continue }
            // The option's value is the next argument unless attached (-cPATH).
            if argument.hasPrefix("--") || argument.count == 2 { index += 1 }
        }
        return false
    }

    static func parseOptions(_ arguments: [String], for command: CommandSpec) throws -> ParsedArguments {
        var parsed = ParsedArguments(command: command)
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            let (spec, inlineValue) = try lookUp(argument, in: command)
            if spec.isFlag {
                if inlineValue != nil { throw UsageError(message: "option --\(spec.long) takes no value", command: command) }
                parsed.flags.insert(spec.long)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else {
                    throw UsageError(message: "option \(argument) needs a value (\(spec.valueName!))", command: command)
                }
                value = arguments[index]
                index += 1
            }
            if spec.repeatable {
                parsed.repeated[spec.long, default: []].append(value)
                continue
            }
            if parsed.values[spec.long] != nil {
                throw UsageError(message: "option --\(spec.long) given twice", command: command)
            }
            parsed.values[spec.long] = value
        }
        guard command.positionalRange.contains(parsed.positionals.count) else {
            let message: String
            if command.positionals == nil {
                message = "unexpected argument '\(parsed.positionals[0])'"
            } else if parsed.positionals.count < command.positionalRange.lowerBound {
                message = "missing \(command.positionals!)"
            } else {
                message = "too many arguments"
            }
            throw UsageError(message: message, command: command)
        }
        return parsed
    }

    private static func lookUp(_ argument: String, in command: CommandSpec) throws -> (OptionSpec, String?) {
        if argument.hasPrefix("--") {
            let body = argument.dropFirst(2)
            let name = body.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            let inline = body.contains("=") ? String(body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[1]) : nil
            if let spec = command.options.first(where: { $0.long == name }) { return (spec, inline) }
            throw unknownOption("--\(name)", command: command)
        }
        let letter = argument.dropFirst().first!
        guard let spec = command.options.first(where: { $0.short == letter }) else {
            throw unknownOption(argument, command: command)
        }
        let rest = argument.dropFirst(2)
        if !rest.isEmpty && spec.isFlag { throw unknownOption(argument, command: command) }
        return (spec, rest.isEmpty ? nil : String(rest))
    }

    private static func unknownOption(_ option: String, command: CommandSpec) -> UsageError {
        let names = command.options.map { "--\($0.long)" }
        let hint = Suggestion.closest(to: option, among: names).map { " (did you mean \($0)?)" } ?? ""
        return UsageError(message: "unknown option \(option) for '\(command.name)'\(hint)", command: command)
    }
}
