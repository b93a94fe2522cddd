import FoundationEssentials

/// Both configuration files, read and checked, plus the Avro schemas they name.
public struct Configuration: Sendable {
    public var global: GlobalConfig
    public var customers: CustomersFile
    public var schemas: [OutputKind: AvroSchemaDocument]

    public static let defaultCustomerPath = "/etc/argo-egi-connectors/customer.conf"
    public static let defaultGlobalPath = "/etc/argo-egi-connectors/global.conf"

    /// Reads and checks both files. Returns nil configuration when any
    /// error was found; the log holds every error and warning.
    public static func load(globalPath: String, customerPath: String, files: ConfigurationFiles) -> (Configuration?, DiagnosticLog) {
        let log = DiagnosticLog()
        let globalIni = readIni(globalPath, files: files, log: log)
        let customerIni = readIni(customerPath, files: files, log: log)
        guard let globalIni, let customerIni else { return (nil, log) }
        let global = GlobalConfig(ini: globalIni, log: log)
        let customers = CustomersFile(ini: customerIni, global: global, log: log)
        var checks = ConfigChecks(global: global, customers: customers, customerIni: customerIni, files: files, log: log)
        checks.run()
        let configuration = Configuration(global: global, customers: customers, schemas: checks.schemas)
        return (log.hasErrors ? nil : configuration, log)
    }

    /// One file as ConfigParser read it; nil (and an error in `log`) when it cannot be read.
    public static func readIni(_ path: String, files: ConfigurationFiles, log: DiagnosticLog) -> INIFile? {
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
