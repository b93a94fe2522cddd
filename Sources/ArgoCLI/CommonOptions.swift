import ArgoModel
import ArgoConnectors
import ArgoSystem

/// Options shared by several commands, declared once.
enum CommonOptions {
    static let customerConf = Option<String>(repeatable: "customer-conf", short: "c", value: "PATH",
                                             help: "customer.conf to read; several -c, or a folder of *.conf files (global.conf left out), take their customers together (default: $VIRTUAL_ENV/etc/customer.conf when VIRTUAL_ENV is set, else \(Configuration.defaultCustomerPath))")
    static let globalConf = Option<String>("global-conf", short: "g", value: "PATH",
                                           help: "global.conf to read (default: $VIRTUAL_ENV/etc/global.conf when VIRTUAL_ENV is set, else \(Configuration.defaultGlobalPath))")
    static let date = Option<RunDate>(date: "date", short: "d", help: "day to fetch for and to name files by (default: yesterday in local time, TZ honoured)")

    static let configuration: [any OptionDeclaration] = [customerConf, globalConf]

    /// Where the files are: each as 2.3.1 resolves it, on its own
    /// (`modules/config.py` at v2.3.1): the command line's `-c`/`-g`; else,
    /// when `VIRTUAL_ENV` is set (a 2.3.1 virtual environment),
    /// `$VIRTUAL_ENV/etc/customer.conf` or `global.conf`; else this
    /// package's default in `/etc/argo-egi-connectors/`. Several `-c`, or a
    /// folder of `*.conf` files, give several customer files.
    struct Paths {
        let customers: [String]
        let global: String
        /// How each was found ("-c", "VIRTUAL_ENV", "default"), for `-v` and `--dump`.
        let customerSource: String
        let globalSource: String

        /// The customer files as messages name them.
        var customerList: String { customers.joined(separator: ", ") }

        var description: String {
            "configuration: \(customerList) (\(customerSource)), \(global) (\(globalSource))"
        }
    }

    static func paths(_ arguments: ParsedArguments, variables: [String: String]) throws -> Paths {
        let venv = variables["VIRTUAL_ENV"].flatMap { $0.isEmpty ? nil : $0 }
        let global: (String, String)
        if let given = try arguments.value(globalConf) {
            global = (given, "-g")
        } else if let venv {
            global = ("\(venv)/etc/global.conf", "VIRTUAL_ENV")
        } else {
            global = (Configuration.defaultGlobalPath, "default")
        }
        let given = try arguments.values(customerConf)
        guard !given.isEmpty else {
            if let venv { return Paths(customers: ["\(venv)/etc/customer.conf"], global: global.0, customerSource: "VIRTUAL_ENV", globalSource: global.1) }
            return Paths(customers: [Configuration.defaultCustomerPath], global: global.0, customerSource: "default", globalSource: global.1)
        }
        var customers: [String] = []
        for path in given {
            guard LocalFiles.isDirectory(path) else { customers.append(path); continue }
            // A folder: its *.conf files in name order, but for global.conf (and the -g file).
            let found = LocalFiles.entries(of: path).filter { name in
                name.hasSuffix(".conf") && name != "global.conf" && !name.hasPrefix(".")
                    && LocalFiles.canonicalPath("\(path)/\(name)") != LocalFiles.canonicalPath(global.0)
            }.sorted().map { "\(path.hasSuffix("/") ? String(path.dropLast()) : path)/\($0)" }
            guard !found.isEmpty else {
                throw UsageError(message: "-c \(path) is a folder without *.conf files (global.conf is not a customer file)", command: arguments.command)
            }
            customers += found
        }
        return Paths(customers: customers, global: global.0, customerSource: "-c", globalSource: global.1)
    }

    /// Reads and checks the files: the whole reading (for --dump and check).
    static func read(_ paths: Paths) -> Configuration.Reading {
        Configuration.read(globalPath: paths.global, customerPaths: paths.customers)
    }

    /// Loads the configuration files: the configuration (nil on any error) and every diagnostic.
    static func load(_ paths: Paths) -> (Configuration?, DiagnosticLog) {
        let reading = read(paths)
        return (reading.configuration, reading.log)
    }
}
