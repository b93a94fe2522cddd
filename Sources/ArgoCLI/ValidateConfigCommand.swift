import ArgoModel
import ArgoSystem

/// `validate-config`: every problem in both files, one per line, then a count.
enum ValidateConfigCommand {
    static var spec: CommandSpec {
        CommandSpec(name: "validate-config", summary: "check customer.conf and global.conf and report every problem",
                    options: CommonOptions.configuration,
                    details: "Problems are printed as FILE:LINE: message. Warnings do not make the\nconfiguration invalid. Exits 0 when valid, 1 otherwise.",
                    run: run)
    }

    private static func run(_ arguments: ParsedArguments) throws -> ExitStatus {
        let (_, log) = try CommonOptions.load(arguments)
        for diagnostic in log.entries { Console.out(diagnostic.description) }
        let errors = log.errors.count
        let warnings = log.entries.count - errors
        if errors == 0 {
            Console.out("\(try CommonOptions.customerPath(arguments)), \(try CommonOptions.globalPath(arguments)): valid (\(warnings) warning\(warnings == 1 ? "" : "s"))")
            return .success
        }
        Console.out("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        return .runtimeFailure
    }
}
