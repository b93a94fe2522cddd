import ArgoModel
import ArgoSystem

/// Options shared by several commands, declared once.
enum CommonOptions {
    static let customerConf = Option<String>("customer-conf", short: "c", value: "PATH",
                                             help: "customer.conf to read (default: \(Configuration.defaultCustomerPath))")
    static let globalConf = Option<String>("global-conf", short: "g", value: "PATH",
                                           help: "global.conf to read (default: \(Configuration.defaultGlobalPath))")
    static let date = Option<RunDate>(date: "date", short: "d", help: "day to fetch for and to name files by (default: yesterday in local time, TZ honoured)")

    static let configuration: [any OptionDeclaration] = [customerConf, globalConf]

    static func globalPath(_ arguments: ParsedArguments) throws -> String {
        try arguments.value(globalConf) ?? Configuration.defaultGlobalPath
    }

    static func customerPath(_ arguments: ParsedArguments) throws -> String {
        try arguments.value(customerConf) ?? Configuration.defaultCustomerPath
    }

    /// Loads both configuration files: the configuration (nil on any error) and every diagnostic.
    static func load(_ arguments: ParsedArguments) throws -> (Configuration?, DiagnosticLog) {
        Configuration.load(globalPath: try globalPath(arguments), customerPath: try customerPath(arguments))
    }
}
