import ArgoConnectors
import ArgoModel
import ArgoSystem
import Logging

/// `validate-config`: every problem in both files, one per line, then a
/// count; with `--dump`, what a run will use, as JSON.
enum ValidateConfigCommand {
    static let dump = Flag("dump", help: "after checking, print both files' sections as JSON (what a run will use); problems go to stderr")
    static let showSecrets = Flag("show-secrets", help: "with --dump, print tokens and passwords instead of ***")
    static let strict = Flag("strict", help: "count warnings as errors (exit 1): for pipelines that check configurations")

    static var spec: CommandSpec {
        CommandSpec(name: "validate-config", summary: "check customer.conf and global.conf and report every problem",
                    options: CommonOptions.configuration + [dump, showSecrets, strict],
                    details: "Problems are printed as FILE:LINE: message. Warnings (an unknown option, one with no effect\nwhere it stands) do not make the configuration invalid unless --strict. --dump adds the defaults\na run uses and the options it ignores. A note (a section whose switch is off) is no problem.",
                    exitStatuses: [(0, "valid (warnings and notes do not count, unless --strict)"), (1, "not valid: errors (or, with --strict, warnings)"),
                                   (2, "a file cannot be read, or a usage error")],
                    run: run)
    }

    private static func run(_ arguments: ParsedArguments, environment: RunEnvironment) throws -> ExitStatus {
        let paths = try CommonOptions.paths(arguments, variables: environment.variables)
        let globalPath = paths.global, customerPath = paths.customerList
        let dumping = arguments[dump]
        // With --dump, standard output holds the JSON alone.
        let report = { (line: String) -> Void in (dumping ? environment.errors : environment.output).writeLine(line) }
        let reading = CommonOptions.read(paths)
        let log = reading.log
        var extraErrors = 0
        for diagnostic in log.entries {
            // --strict makes warnings errors: so they are printed.
            report(arguments[strict] && diagnostic.severity == .warning
                   ? diagnostic.description.replacing(": warning: ", with: ": error (--strict): ") : diagnostic.description)
        }
        if let configuration = reading.configuration {
            let context = ConnectorContext.offline(configuration)
            for customer in configuration.customers.customers {
                report(summary(customer, context: context))
                // A connector kept from running by a misspelt option is a warning, not a mere absence.
                let running = Set(ConnectorCatalogue.running(for: customer, context: context).map(\.data))
                for data in DataKind.allCases where !running.contains(data) {
                    let jobs: [String?] = [nil] + customer.jobs.map(\.section)
                    guard let slip = jobs.lazy.compactMap({ configuration.misspelledFeed(for: data, customer: customer.section, job: $0) }).first else { continue }
                    let command = ConnectorCatalogue.descriptors.first { $0.data == data }?.command ?? data.rawValue
                    report(slip.diagnostic(customer: customer, command: command).description)
                    extraErrors += 1
                }
            }
        }
        let warnings = log.warnings.count
        // --strict: a warning fails the check as an error would.
        let errors = log.errors.count + extraErrors + (arguments[strict] ? warnings : 0)
        if errors == 0 {
            report("\(customerPath), \(globalPath): valid (\(warnings) warning\(warnings == 1 ? "" : "s"))")
        } else {
            report("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        }
        if dumping {
            let showing = arguments[showSecrets]
            environment.output.writeLine(JSONWriter.serialize(.object([
                ("files", .object([("customer.conf", .object([("path", .string(customerPath)), ("from", .string(paths.customerSource)),
                                                              ("paths", .array(paths.customers.map(JSONValue.string)))])),
                                   ("global.conf", .object([("path", .string(globalPath)), ("from", .string(paths.globalSource))]))])),
                ("global.conf", reading.globalINI?.dump(showSecrets: showing, known: reading.known) ?? .null),
                // Several customer files: each under its path.
                ("customer.conf", reading.customerINIs.count > 1
                    ? .object(reading.customerINIs.map { ($0.path, $0.dump(showSecrets: showing, known: reading.known)) })
                    : reading.customerINI?.dump(showSecrets: showing, known: reading.known) ?? .null),
                ("defaults", notes(reading.defaults, files: reading)),
                ("ignored", notes(reading.ignored, files: reading)),
            ])))
        }
        // A file that cannot be read is the usage kind of error, as for every command.
        if reading.globalINI == nil || reading.customerINI == nil { return .usageOrConfiguration }
        return errors == 0 ? .success : .runtimeFailure
    }

    /// `{"global.conf": {SECTION: {OPTION: VALUE or null}}, "customer.conf": {…}}`.
    private static func notes(_ notes: [ConfigOptionNote], files reading: Configuration.Reading) -> JSONValue {
        let customerFiles = reading.customerINIs.count > 1 ? reading.customerINIs.map { ($0.path, [$0.path]) }
            : [("customer.conf", reading.customerINI.map { [$0.path] } ?? [])]
        return .object(([("global.conf", reading.globalINI.map { [$0.path] } ?? [])] + customerFiles).map { label, paths in
            var sections: [(String, [(String, JSONValue)])] = []
            for note in notes where paths.contains(note.file) {
                let value: JSONValue = note.value.map(JSONValue.string) ?? .null
                if let index = sections.firstIndex(where: { $0.0 == note.section }) {
                    sections[index].1.append((note.option, value))
                } else {
                    sections.append((note.section, [(note.option, value)]))
                }
            }
            return (label, .object(sections.map { ($0.0, .object($0.1)) }))
        })
    }

    /// Which generation a customer section was read as, and which connectors run for it.
    static func summary(_ customer: CustomerConfig, context: ConnectorContext) -> String {
        let runs = ConnectorCatalogue.running(for: customer, context: context).map { "\($0.command) (\($0.source.rawValue))" }
        let kind = customer.tenant.map { tenant in
            "\(customer.generation.customerNoun) (TopoType \(tenant.topoType), TopoFetchType \(tenant.topoFetchTypes.joined(separator: ", ")))"
        } ?? customer.generation.customerNoun
        return "[\(customer.section)] Name \(customer.name): \(kind), jobs \(customer.jobs.map(\.section).joined(separator: ", ")); "
            + "runs: \(runs.isEmpty ? "no connector of this build yet" : runs.joined(separator: ", "))"
    }
}
