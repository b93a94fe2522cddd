import ArgoModel
import ArgoSystem

/// Options shared by several commands, declared once.
enum CommonOptions {
    static let customerConf = Option<String>("customer-conf", short: "c", value: "PATH",
                                             help: "customer.conf to read (default: $VIRTUAL_ENV/etc/customer.conf when VIRTUAL_ENV is set, else \(Configuration.defaultCustomerPath))")
    static let globalConf = Option<String>("global-conf", short: "g", value: "PATH",
                                           help: "global.conf to read (default: $VIRTUAL_ENV/etc/global.conf when VIRTUAL_ENV is set, else \(Configuration.defaultGlobalPath))")
    static let date = Option<RunDate>(date: "date", short: "d", help: "day to fetch for and to name files by (default: yesterday in local time, TZ honoured)")

    static let configuration: [any OptionDeclaration] = [customerConf, globalConf]

    /// Where the two files are: each as 2.3.1 resolves it, on its own
    /// (`modules/config.py` at v2.3.1): the command line's `-c`/`-g`; else,
    /// when `VIRTUAL_ENV` is set (a 2.3.1 virtual environment),
    /// `$VIRTUAL_ENV/etc/customer.conf` or `global.conf`; else this
    /// package's default in `/etc/argo-egi-connectors/`.
    struct Paths {
        let customer: String
        let global: String
        /// How each was found ("-c", "VIRTUAL_ENV", "default"), for `-v` and `--dump`.
        let customerSource: String
        let globalSource: String

        var description: String {
            "configuration: \(customer) (\(customerSource)), \(global) (\(globalSource))"
        }
    }

    static func paths(_ arguments: ParsedArguments, variables: [String: String]) throws -> Paths {
        let venv = variables["VIRTUAL_ENV"].flatMap { $0.isEmpty ? nil : $0 }
        func resolve(_ option: Option<String>, flag: String, file: String, fallback: String) throws -> (String, String) {
            if let given = try arguments.value(option) { return (given, flag) }
            if let venv { return ("\(venv)/etc/\(file)", "VIRTUAL_ENV") }
            return (fallback, "default")
        }
        let customer = try resolve(customerConf, flag: "-c", file: "customer.conf", fallback: Configuration.defaultCustomerPath)
        let global = try resolve(globalConf, flag: "-g", file: "global.conf", fallback: Configuration.defaultGlobalPath)
        return Paths(customer: customer.0, global: global.0, customerSource: customer.1, globalSource: global.1)
    }

    /// Loads both configuration files: the configuration (nil on any error) and every diagnostic.
    static func load(_ paths: Paths) -> (Configuration?, DiagnosticLog) {
        Configuration.load(globalPath: paths.global, customerPath: paths.customer)
    }
}
