/// Options shared by several commands, declared once.
enum CommonOptions {
    static let customerConf = OptionSpec("customer-conf", short: "c", value: "PATH",
                                         help: "customer.conf to read (default: \(Configuration.defaultCustomerPath))")
    static let globalConf = OptionSpec("global-conf", short: "g", value: "PATH",
                                       help: "global.conf to read (default: \(Configuration.defaultGlobalPath))")
    static let date = OptionSpec("date", short: "d", value: "YYYY-MM-DD",
                                 help: "day to fetch for and to name files by (default: yesterday, UTC)")
    static let help = OptionSpec("help", short: "h", help: "show this help")

    static let configuration = [customerConf, globalConf]

    static func globalPath(_ arguments: ParsedArguments) -> String {
        arguments.value("global-conf") ?? Configuration.defaultGlobalPath
    }

    static func customerPath(_ arguments: ParsedArguments) -> String {
        arguments.value("customer-conf") ?? Configuration.defaultCustomerPath
    }

    /// The run's date: `-d` (a real calendar day) or yesterday in UTC.
    static func runDate(_ arguments: ParsedArguments, required: Bool = false) throws -> RunDate {
        guard let text = arguments.value("date") else {
            if required { throw UsageError(message: "'\(arguments.command.name)' needs -d YYYY-MM-DD", command: arguments.command) }
            return RunDate.yesterday()
        }
        guard let date = RunDate(parsing: text) else {
            throw UsageError(message: "-d \(text) is not a calendar date of the form YYYY-MM-DD", command: arguments.command)
        }
        return date
    }

    /// Loads both configuration files, printing every diagnostic; nil on any error.
    static func loadConfiguration(_ arguments: ParsedArguments) -> Configuration? {
        let (configuration, log) = Configuration.load(globalPath: globalPath(arguments), customerPath: customerPath(arguments))
        for diagnostic in log.entries { Console.err(diagnostic.description) }
        return configuration
    }
}
