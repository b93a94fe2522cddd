/// Both configuration files, read and checked, plus the Avro schemas they name.
package struct Configuration: Sendable {
    package var global: GlobalConfig
    package var customers: CustomersFile
    package var schemas: [OutputKind: AvroSchemaDocument]
    /// Every option the files may hold, the sources' included.
    package let known: KnownOptions
    /// Errors that stop only a connector, a customer or a job: the run goes
    /// on for everything else, and fails those (see `problems(connector:…)`).
    var problems: [ConfigDiagnostic] = []
    /// Unknown options close to known ones, by customer and job.
    var misspellings: [ConfigMisspelling] = []

    package static let defaultCustomerPath = "/etc/argo-egi-connectors/customer.conf"
    package static let defaultGlobalPath = "/etc/argo-egi-connectors/global.conf"

    /// What reading both files gave: the files as ConfigParser read them
    /// (nil when unreadable), the configuration, and every diagnostic.
    package struct Reading {
        package let globalINI: INIFile?
        package let customerINI: INIFile?
        /// Every customer file read (the first is `customerINI`).
        package var customerINIs: [INIFile] = []
        package let configuration: Configuration?
        package let log: DiagnosticLog
        package let known: KnownOptions
        /// Options with no effect where they stand, and defaults a run uses.
        package var ignored: [ConfigOptionNote] = []
        package var defaults: [ConfigOptionNote] = []
    }

    /// Reads and checks both files. Returns nil configuration when an error
    /// makes the whole run meaningless (a file unreadable or unparsable, a
    /// global option wrong, no customer); the log holds every error and warning.
    package static func load(globalPath: String, customerPath: String, sources: SourceDeclarations, files: ConfigurationFiles) -> (Configuration?, DiagnosticLog) {
        let reading = read(globalPath: globalPath, customerPaths: [customerPath], sources: sources, files: files)
        return (reading.configuration, reading.log)
    }

    /// Several customer.conf files with one global.conf: their customers
    /// together, each read and checked against its own file; a section
    /// name an earlier file used already is `NAME@FILE` in this run.
    /// `sources`: what the connectors declare of the files (`ConnectorCatalogue.declarations`).
    /// Kept with the files read, for `validate-config --dump`.
    package static func read(globalPath: String, customerPaths: [String], sources: SourceDeclarations, files: ConfigurationFiles) -> Reading {
        let log = DiagnosticLog()
        let known = KnownOptions(sources: sources)
        let globalINI = readINI(globalPath, files: files, log: log)
        let customerINIs = customerPaths.map { readINI($0, files: files, log: log) }
        // What a reading that cannot go on gives: the files as read, no configuration.
        let stopped = { Reading(globalINI: globalINI, customerINI: customerINIs.first ?? nil, customerINIs: customerINIs.compactMap { $0 },
                                configuration: nil, log: log, known: known) }
        guard let globalINI, !customerINIs.isEmpty, customerINIs.allSatisfy({ $0 != nil }) else {
            return stopped()
        }
        // Two mistakes that would otherwise give a page of lines, said in one.
        let isCustomerSection = { (name: String) in name.uppercased().hasPrefix("CUSTOMER_") }
        if globalINI.sectionNames.contains(where: isCustomerSection),
           let swapped = customerINIs.compactMap({ $0 }).first(where: { $0.sectionName(caseInsensitive: "General") != nil }) {
            log.error(globalPath, nil, "holds [CUSTOMER_*] sections and \(swapped.path) holds [General]: are -c and -g swapped? (-c names customer.conf, -g global.conf)")
            return stopped()
        }
        if globalINI.sectionNames.isEmpty && !log.hasErrors {
            log.error(globalPath, nil, "holds no section (it is empty, or comments only): a global.conf has [General] and [Output], and a 1.7 one [AvroSchemas] too")
            return stopped()
        }
        let global = GlobalConfig(ini: globalINI, log: log)
        var customerFiles: [ConfigChecks.CustomerFile] = []
        for ini in customerINIs.compactMap({ $0 }) {
            let taken = Set(customerFiles.flatMap { $0.customers.customers.map(\.section) })
            customerFiles.append(ConfigChecks.CustomerFile(customers: CustomersFile(ini: ini, global: global, sources: sources, log: log, taken: taken), ini: ini))
        }
        let customers = CustomersFile(merging: customerFiles.map(\.customers))
        let customerINI = customerFiles[0].ini
        var checks = ConfigChecks(global: global, globalINI: globalINI, known: known, customerFiles: customerFiles, files: files, log: log)
        checks.run()
        let configuration = Configuration(global: global, customers: customers, schemas: checks.schemas, known: known,
                                          problems: log.errors.filter { $0.scope != .run }, misspellings: checks.misspellings)
        return Reading(globalINI: globalINI, customerINI: customerINI, customerINIs: customerFiles.map(\.ini),
                       configuration: log.runErrors.isEmpty && !customers.customers.isEmpty ? configuration : nil, log: log, known: known,
                       ignored: checks.ignored, defaults: checks.defaults)
    }

    /// A misspelt option of `customer` (or of its `job`) that meant a feed
    /// option of `data`: why a connector that finds nothing to fetch there
    /// would otherwise not run in silence.
    package func misspelledFeed(for data: DataKind, customer: String, job: String?) -> ConfigMisspelling? {
        misspellings.first { slip in
            slip.customer == customer && (slip.job == nil || slip.job == job) && known.feedOptions(of: data).contains(slip.suggestion)
        }
    }

    /// The errors that stop `connector` for `job` of `customer` (section names).
    package func problems(connector: DataKind, customer: String, job: String) -> [ConfigDiagnostic] {
        problems.filter { $0.scope.concerns(connector: connector, customer: customer, job: job) }
    }

    /// Errors about customers or jobs that could not be read at all (no
    /// Name, no Dirname, no section): they fail every connector's run.
    package var unreadable: [ConfigDiagnostic] {
        problems.filter { problem in
            switch problem.scope {
            case .run, .connector, .anyOf: return false
            case .customer(let section), .customerWide(let section, _):
                return !customers.customers.contains { $0.section == section }
            case .job(let section, let job, _):
                guard let customer = customers.customers.first(where: { $0.section == section }) else { return true }
                return !customer.jobs.contains { $0.section == job }
            }
        }
    }

    /// One file as ConfigParser read it; nil (and an error in `log`) when it cannot be read.
    private static func readINI(_ path: String, files: ConfigurationFiles, log: DiagnosticLog) -> INIFile? {
        let data: [UInt8]
        switch files.contents(of: path) {
        case .success(let bytes): data = bytes
        case .failure(let problem):
            log.error(path, nil, problem.reason)
            return nil
        }
        return INIFile(bytes: data, path: path, log: log)
    }
}
