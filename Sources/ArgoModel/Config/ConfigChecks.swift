import FoundationEssentials

/// Rules that span options or touch the file system (run after parsing).
struct ConfigChecks {
    /// One customer.conf: its customers and the file as read.
    struct CustomerFile {
        let customers: CustomersFile
        let ini: INIFile
    }

    let global: GlobalConfig
    let globalINI: INIFile
    let known: KnownOptions
    /// Every customer.conf of the run; the checks of one customer read its own.
    let customerFiles: [CustomerFile]
    /// The file whose customers are being checked.
    private var current: CustomerFile
    private var customers: CustomersFile { current.customers }
    private var customerINI: INIFile { current.ini }
    private var allCustomers: [CustomerConfig] { customerFiles.flatMap(\.customers.customers) }
    let files: ConfigurationFiles
    let log: DiagnosticLog
    var schemas: [OutputKind: AvroSchemaDocument] = [:]
    /// Options with no effect, and defaults in use (`validate-config --dump`).
    var ignored: [ConfigOptionNote] = []
    var defaults: [ConfigOptionNote] = []
    var misspellings: [ConfigMisspelling] = []

    init(global: GlobalConfig, globalINI: INIFile, known: KnownOptions, customerFiles: [CustomerFile], files: ConfigurationFiles, log: DiagnosticLog) {
        precondition(!customerFiles.isEmpty, "at least one customer.conf")
        (self.global, self.globalINI, self.known, self.customerFiles, self.files, self.log) = (global, globalINI, known, customerFiles, files, log)
        current = customerFiles[0]
    }

    mutating func run() {
        for (index, file) in customerFiles.enumerated() {
            // global.conf's own notes are said once, with the first file.
            var placement = OptionPlacementChecks(globalINI: globalINI, customerINI: file.ini, global: global, known: known, customers: file.customers, log: log,
                                                  checksGlobal: index == 0)
            placement.run()
            ignored += placement.ignored
            defaults += placement.defaults
            misspellings += placement.misspellings
        }
        checkTLSFiles()
        loadSchemas()
        checkSecretsPermissions(global.path, holdsSecret: global.ams.token != nil || global.authentication.httpPass != nil
                                    || global.authentication.poemToken != nil || global.webAPI.token != nil)
        for file in customerFiles {
            current = file
            checkCustomers()
        }
        for (section, publishing, verifying) in [("AMS", global.publishAms, global.ams.verifyServerCert),
                                                 ("WebAPI", global.publishWebAPI, global.webAPI.verifyServerCert)] where publishing && !verifying {
            log.warning(global.path, nil, "[\(section)] VerifyServerCert is off: its token goes to whatever server answers at that address")
        }
        if global.authentication.usePlainHTTPAuth, global.authentication.httpUser == nil || global.authentication.httpPass == nil {
            log.error(global.path, nil, "[Authentication] UsePlainHttpAuth is on but HttpUser or HttpPass is missing")
        }
        // 2.3.1 required [InputState] (every connector exited 1 without it): without
        // SaveDir no state is written, and check would never see a failed night.
        if global.generation == .argo231, global.stateSaveDir == nil {
            let near = globalINI.sectionNames.first { $0.lowercased() != "inputstate" && Suggestion.closest(to: $0, among: ["InputState"]) != nil }
            log.error(global.path, near.flatMap { globalINI.section(named: $0)?.line },
                      "[InputState] SaveDir is missing: an argo-connectors 2.3.1 global.conf needs it (the state files \"check\" reads)"
                        + (near.map { "; [\($0)] is not [InputState]" } ?? ""))
        }
    }

    /// The customers of the current file; folders and tenants claimed across files.
    private mutating func checkCustomers() {
        var customerFileHoldsSecret = false
        for customer in customers.customers {
            log.within(.customer(customer.section)) {
                checkGeneration(customer)
                if global.writeAvro || global.writeJSON { checkOutputDir(customer) }
                if let tenant = customer.tenant { checkTenantFeeds(tenant, of: customer) }
                checkAms(customer)
                checkWebAPI(customer)
                let auth = customer.authentication
                if auth.usePlainHTTPAuth && !global.authentication.usePlainHTTPAuth, auth.httpUser == nil || auth.httpPass == nil {
                    log.error(customers.path, customer.line, "[\(customer.section)] AuthenticationUsePlainHttpAuth is on but AuthenticationHttpUser or AuthenticationHttpPass is missing (here or in global.conf)")
                }
            }
            // A 2.3.1 job holds only its folder and profiles, read with their checks.
            for job in customer.jobs where customer.tenant == nil { checkJob(job, of: customer) }
            checkSharedFolders(customer)
            let section = customerINI.section(named: customer.iniSection)
            // The same rule as --dump's masking (`KnownOptions.isSecret`).
            customerFileHoldsSecret = customerFileHoldsSecret || (section?.options.contains { known.isSecret($0.key) } ?? false)
        }
        checkSecretsPermissions(customers.path, holdsSecret: customerFileHoldsSecret)
    }

    /// The files TLS will need, checked before any run needs them: the host
    /// certificate and key (readable, a pair) when a feed is https, CAFile
    /// and CAPath only when VerifyServerCert is on. Each problem is one
    /// error that stops exactly the work with an https feed (`anyOf`).
    private func checkTLSFiles() {
        let httpsWork = allCustomers.flatMap(httpsScopes)
        guard !httpsWork.isEmpty else { return }
        let auth = global.authentication
        typealias Authentication = CoreOption.Authentication
        let line = { (option: SourceOption) in
            globalINI.sectionName(caseInsensitive: "Authentication").flatMap { globalINI.rawEntry(section: $0, option: option.name)?.line }
        }
        log.within(.anyOf(httpsWork)) {
            if auth.verifyServerCert {
                for (option, path) in [(Authentication.caFile, auth.caFile), (Authentication.caPath, auth.caPath)] {
                    guard let path, files.permissions(of: path) == nil else { continue }
                    log.error(global.path, line(option), "[Authentication] \(option.name) \(path) does not exist (VerifyServerCert is on, so https feeds are verified against it): every https feed would fail")
                }
            }
            var readable = true
            for (option, path) in [(Authentication.hostCert, auth.hostCert), (Authentication.hostKey, auth.hostKey)] {
                guard let path, case .failure(let problem) = files.contents(of: path) else { continue }
                log.error(global.path, line(option), "[Authentication] \(option.name) \(path) cannot be read (\(problem)): every https feed would fail")
                readable = false
            }
            if readable, let cert = auth.hostCert, let key = auth.hostKey, let problem = files.certificateProblem(certificate: cert, key: key) {
                log.error(global.path, line(Authentication.hostCert), "[Authentication] HostCert \(cert) \(problem): every https feed would fail")
            }
        }
    }

    /// The work of `customer` that asks an https feed: per job and connector
    /// (1.7), per connector (a 2.3.1 tenant).
    private func httpsScopes(_ customer: CustomerConfig) -> [ConfigScope] {
        let isHTTPS = { (url: String) in url.lowercased().hasPrefix("https:") }
        guard let tenant = customer.tenant else {
            return customer.jobs.flatMap { job in
                known.sources.options(at: .job, .egi17).flatMap { option in
                    (job.options.text(option) ?? option.defaultValue).map(option.url).map(isHTTPS) == true ? option.asks : []
                }.map { ConfigScope.job(customer: customer.section, job: job.section, connector: $0) }
            }
        }
        var kinds: [DataKind] = []
        for option in known.sources.options(at: .customer, .argo231) where tenant.options.text(option).map(isHTTPS) == true {
            for data in option.asks where !kinds.contains(data) { kinds.append(data) }
        }
        return kinds.map { ConfigScope.customerWide(customer: customer.section, connector: $0) }
    }

    /// A customer section and global.conf of the same generation (a 2.3.1
    /// tenant needs a 2.3.1 global.conf, a 1.7 customer a 1.7 one).
    private func checkGeneration(_ customer: CustomerConfig) {
        guard customer.generation != global.generation else { return }
        let section = customerINI.section(named: customer.iniSection)
        let marker = [CoreOption.Customer.topoType, CoreOption.Customer.topoFetchType].compactMap {
            customerINI.rawEntry(section: customer.iniSection, option: $0.name)?.line
        }.min()
        switch customer.generation {
        case .argo231:
            log.error(customers.path, marker ?? section?.line,
                      "[\(customer.section)] is \(customer.generation.customerNoun) (customer-level TopoType or TopoFetchType) but \(global.path) is a 1.7 global.conf (it has [AvroSchemas]): run it with a 2.3.1 global.conf, or move TopoFetchType back to its jobs")
        case .egi17:
            log.error(customers.path, customer.line,
                      "[\(customer.section)] is \(customer.generation.customerNoun) (no customer-level TopoType or TopoFetchType) but \(global.path) is an argo-connectors 2.3.1 global.conf: give the customer TopoType and TopoFetchType, or run it with a 1.7 global.conf")
        }
    }

    /// The tenant's feeds are URLs.
    private func checkTenantFeeds(_ tenant: TenantConfig, of customer: CustomerConfig) {
        checkFeedURLs(known.sources.options(at: .customer, .argo231), given: tenant.options, section: customer.iniSection, named: customer.section) { _ in
            .customer(customer.section)
        }
    }

    /// Two customers must not share a job's state folder (the same Name and
    /// Dirname, with `[InputState] SaveDir`) or its output folder (the same
    /// OutputDir and Dirname), nor one WEB-API tenant (host and token): the
    /// later one would replace the earlier one's files, state or day. The
    /// later customer is refused, naming the earlier.
    private mutating func checkSharedFolders(_ customer: CustomerConfig) {
        log.within(.customer(customer.section)) {
            for job in customer.jobs {
                let state = "\(customer.name)/\(job.dirname)"
                if global.stateSaveDir != nil, let other = claimed.stateFolders[state], other.customer != customer.section {
                    log.error(customers.path, job.line, "[\(customer.section)] job [\(job.section)] would share the state folder \(state) with \(other.name): give the customers different Names or the jobs different Dirnames")
                }
                let output = "\(customer.outputFolder)/\(job.dirname)"
                if let other = claimed.outputFolders[output], other.customer != customer.section {
                    log.error(customers.path, job.line, "[\(customer.section)] job [\(job.section)] would write into \(output) as \(other.name) does")
                }
                let claimant = (customer: customer.section, name: "[\(job.section)] of [\(customer.section)]")
                claimed.stateFolders[state] = claimed.stateFolders[state] ?? claimant
                claimed.outputFolders[output] = claimed.outputFolders[output] ?? claimant
            }
            guard global.publishWebAPI, let host = customer.webAPI.host, let token = customer.webAPI.token else { return }
            let tenant = "\(BaseURL.normalized(host)) \(token)"
            if let other = claimed.tenants[tenant] {
                log.error(customers.path, customer.line, "[\(customer.section)] publishes to the same WEB-API tenant (host and token) as \(other): each would replace the other's day; give it its own WebAPIToken")
            } else {
                claimed.tenants[tenant] = "[\(customer.section)]"
            }
        }
    }

    /// What earlier customers claimed: state folders, output folders, WEB-API tenants.
    var claimed = (stateFolders: [String: (customer: String, name: String)](), outputFolders: [String: (customer: String, name: String)](),
                   tenants: [String: String]())

    /// A schema that cannot be had stops only the connector writing it.
    private mutating func loadSchemas() {
        if global.generation == .argo231 {
            for kind in OutputKind.allCases { schemas[kind] = kind.schema231 }
            return
        }
        for (kind, path) in global.schemaPaths.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let line = global.schemaLines[kind]
            let document: AvroSchemaDocument? = log.within(.connector(kind.data)) {
                guard case .success(let data) = files.contents(of: path) else {
                    log.error(global.path, line, "[AvroSchemas] \(kind.rawValue): cannot read schema file \(path)")
                    return nil
                }
                do {
                    return try AvroSchemaDocument(parsing: String(decoding: data, as: UTF8.self))
                } catch {
                    log.error(global.path, line, "[AvroSchemas] \(kind.rawValue): \(path): \(error)")
                    return nil
                }
            }
            schemas[kind] = document
        }
    }

    private func checkOutputDir(_ customer: CustomerConfig) {
        let line = customerINI.rawEntry(section: customer.iniSection, option: CoreOption.Customer.outputDir.name)?.line
        if let reason = files.unwritableReason(directory: customer.outputDir) {
            log.error(customers.path, line, "[\(customer.section)] OutputDir \(customer.outputDir)\(reason)")
        }
    }

    private func checkWebAPI(_ customer: CustomerConfig) {
        checkComplete(customer, publishing: global.publishWebAPI, missing: customer.webAPI.missingOptions,
                      switchName: "PublishWebAPI", settings: "the [WebAPI] settings", overridePrefix: "WebAPI")
    }

    private func checkAms(_ customer: CustomerConfig) {
        checkComplete(customer, publishing: global.publishAms, missing: customer.ams.missingOptions,
                      switchName: "PublishAms", settings: "the AMS settings", overridePrefix: "Ams")
    }

    /// A destination turned on needs its options, from global.conf or the customer's overrides.
    private func checkComplete(_ customer: CustomerConfig, publishing: Bool, missing: [String],
                               switchName: String, settings: String, overridePrefix: String) {
        guard publishing, !missing.isEmpty else { return }
        let names = missing.map { "\($0) (or \(overridePrefix)\($0) in [\(customer.section)])" }.joined(separator: ", ")
        log.error(customers.path, customer.line, "[\(customer.section)] \(switchName) is on but \(settings) lack \(names)")
    }

    /// A 1.7 job's feeds are URLs; each problem stops only the connector that uses the option.
    private func checkJob(_ job: JobConfig, of customer: CustomerConfig) {
        checkFeedURLs(known.sources.options(at: .job, .egi17), given: job.options, section: job.section, named: job.section) { option in
            .job(customer: customer.section, job: job.section, connector: option.stops ?? option.asks.first)
        }
    }

    /// Each feed or endpoint option given is an http, https or file URL (a
    /// flat feed may be a local file given by its path, as 2.3.1 opened it),
    /// in the file's order, its problem in `scope`.
    private func checkFeedURLs(_ options: [SourceOption], given: SourceSettings, section: String, named name: String,
                               scope: (SourceOption) -> ConfigScope) {
        let line = { (option: SourceOption) in customerINI.rawEntry(section: section, option: option.name)?.line }
        for option in options.sorted(by: { (line($0) ?? 0) < (line($1) ?? 0) }) {
            guard let url = given.text(option), !Self.isFeedURL(url) else { continue }
            switch option.address {
            case .none, .host: continue
            case .feed(_, let localPath) where localPath && url.hasPrefix("/"): continue
            case .feed, .endpoint:
                log.within(scope(option)) {
                    log.error(customers.path, line(option), "[\(name)] \(option.name) = '\(url)' must be an http://, https:// or file:// URL")
                }
            }
        }
    }

    static func isFeedURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return false }
        switch scheme {
        case "http", "https": return !(url.host ?? "").isEmpty
        case "file": return !url.path.isEmpty
        default: return false
        }
    }

    private func checkSecretsPermissions(_ path: String, holdsSecret: Bool) {
        guard holdsSecret, let mode = files.permissions(of: path) else { return }
        if mode & 0o044 != 0 {
            log.warning(path, nil, "holds a token or password but is readable by group or others (mode \(String(mode, radix: 8))); chmod 600 it")
        }
    }
}
