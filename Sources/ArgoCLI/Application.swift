import ArgoConnectors
import CBuildInfo
import ArgoModel
import ArgoSystem
import FoundationEssentials

/// The `argo-connectors` program: the command table, help and dispatch.
package enum Application {
    package static let version = "3.0.0"

    /// Sent as the HTTP User-Agent.
    static var userAgent: String { "argo-connectors/\(version)" }

    /// A command per connector of the catalogue, then the others.
    package static var commands: [CommandSpec] {
        ConnectorCatalogue.commands.map { ConnectorCommand.spec($0) }
            + [AllCommand.spec, ReplayCommand.spec, ValidateConfigCommand.spec, CheckCommand.spec, DiffCommand.spec, CatCommand.spec, MigrateCommand.spec, helpCommand]
    }

    static let exitStatusHelp = """
        Exit status:
          0  success
          1  a job, feed or file failed at run time (other jobs still ran)
          2  usage or configuration error (nothing was fetched or written)
        """

    static var helpCommand: CommandSpec {
        CommandSpec(name: "help", summary: "show help for a command", options: [], positionals: "[COMMAND]",
                    positionalRange: 0...1) { arguments, environment in
            guard let name = arguments.positionals.first else {
                environment.output.writeLine(overview)
                return .success
            }
            guard let command = commands.first(where: { $0.name == name }) else {
                throw unknownCommand(name)
            }
            environment.output.writeLine(help(for: command))
            return .success
        }
    }

    static var overview: String {
        let width = commands.map(\.name.count).max()! + 2
        let lines = commands.map { "  " + $0.name.padding(toLength: width) + $0.summary }
        return """
            usage: argo-connectors <command> [options]

            Fetch ARGO tenants' topology, downtimes, service types, weights and metric
            profiles and write them as Avro and JSON files, AMS messages and WEB-API
            resources for ARGO.

            Commands:
            \(lines.joined(separator: "\n"))

            Run 'argo-connectors <command> --help' for a command's options.
            'argo-connectors --version' prints the version; '--script-names' the script names it answers to.

            \(exitStatusHelp)
            """
    }

    static func help(for command: CommandSpec) -> String {
        let options = command.options + [ArgumentParser.help.spec]
        let width = min(34, options.map(\.synopsis.count).max()! + 3)
        var lines = ["usage: \(command.usage)", "", command.summary.prefix(1).uppercased() + command.summary.dropFirst() + "."]
        if let details = command.details { lines += ["", details] }
        lines += ["", "Options:"]
        for option in options {
            let synopsis = option.synopsis
            lines.append(synopsis.count + 3 > width
                         ? "  \(synopsis)\n  " + "".padding(toLength: width) + option.help
                         : "  " + synopsis.padding(toLength: width) + option.help)
        }
        lines += ["", "Exit status:"] + command.exitStatuses.map { "  \($0.status)  \($0.meaning)" }
        return lines.joined(separator: "\n")
    }

    static func unknownCommand(_ name: String) -> UsageError {
        let hint = Suggestion.closest(to: name, among: commands.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
        return UsageError(message: "unknown command '\(name)'\(hint)", command: nil)
    }

    /// The process's entry: takes the signals, runs `argv` on the process's
    /// streams and returns the exit status.
    package static func main(_ argv: [String]) -> Int32 {
        let cancellation = Signals.install()
        let variables = ProcessInfo.processInfo.environment
        let status = run(Array(argv.dropFirst()), environment: .standard(cancellation: cancellation, variables: variables),
                         programName: argv.first ?? "argo-connectors")
        StandardStream.output.flush()
        return status
    }

    /// Runs the program on `arguments` (without the program name) in
    /// `environment` and returns the exit status; in-process, as tests run
    /// it. Invoked under a Python connector's name, it runs that command with
    /// the original flags.
    package static func run(_ arguments: [String], environment: RunEnvironment, programName: String = "argo-connectors") -> Int32 {
        do {
            let name = programName.split(separator: "/").last.map(String.init) ?? programName
            var environment = environment
            environment.programName = name.isEmpty ? "argo-connectors" : name
            return try dispatch(LegacyNames.translate(name, arguments) ?? arguments, environment: environment).rawValue
        } catch let error as UsageError where error.command?.name == "check" {
            // A monitoring plugin: one line on standard output, UNKNOWN (the plugin guidelines).
            environment.output.writeLine("UNKNOWN - argo-connectors check: \(error.message)")
            return ExitStatus.unknown.rawValue
        } catch let error as UsageError {
            environment.errors.writeLine("argo-connectors: error: \(error.message)")
            if let command = error.command {
                environment.errors.writeLine("usage: \(command.usage)\nRun 'argo-connectors \(command.name) --help' for its options.")
            } else {
                environment.errors.writeLine("usage: argo-connectors <command> [options]\nRun 'argo-connectors --help' for the commands.")
            }
            return ExitStatus.usageOrConfiguration.rawValue
        } catch {
            environment.errors.writeLine("argo-connectors: error: \(error)")
            return ExitStatus.runtimeFailure.rawValue
        }
    }

    static func dispatch(_ arguments: [String], environment: RunEnvironment) throws -> ExitStatus {
        guard let first = arguments.first else {
            environment.errors.writeLine(overview)
            return .usageOrConfiguration
        }
        switch first {
        case "--help", "-h":
            environment.output.writeLine(overview)
            return .success
        case "--version", "-V":
            environment.output.writeLine("argo-connectors \(version) (commit \(String(cString: argo_build_commit())))")
            return .success
        case "--man":
            // The man page, made from the command table so that it cannot drift from --help.
            environment.output.writeLine(ManPage.roff(commands: commands, version: version))
            return .success
        case "--completion":
            environment.output.writeLine(ManPage.bashCompletion(commands: commands, scriptNames: LegacyNames.commands.keys.sorted()))
            return .success
        case "--script-names":
            // For packaging: the links to install (the Python connectors' names).
            environment.output.writeLine(LegacyNames.commands.keys.sorted().joined(separator: "\n"))
            return .success
        default:
            break
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            if first.hasPrefix("-") { throw UsageError(message: "unknown option \(first); a command comes first", command: nil) }
            throw unknownCommand(first)
        }
        switch try ArgumentParser.parse(Array(arguments.dropFirst()), for: command) {
        case .help:
            environment.output.writeLine(help(for: command))
            return .success
        case .run(let parsed):
            return try command.run(parsed, environment)
        }
    }
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self + " " : self + String(repeating: " ", count: length - count)
    }
}
