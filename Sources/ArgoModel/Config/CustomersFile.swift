/// `customer.conf`.
package struct CustomersFile: Sendable {
    package var path: String
    package var customers: [CustomerConfig] = []

    /// The customers of one file; `taken`: the identities of customers read
    /// from earlier files (a section of the same name is `NAME@FILE` here).
    init(ini: INIFile, global: GlobalConfig, log: DiagnosticLog, taken: Set<String> = []) {
        path = ini.path
        let customerSections = ini.sectionNames.filter { $0.uppercased().hasPrefix("CUSTOMER_") }
        if customerSections.isEmpty { log.error(path, nil, "no [CUSTOMER_*] section: nothing to do") }
        for name in customerSections {
            let identity = taken.contains(name) ? "\(name)@\(ini.path.split(separator: "/").last.map(String.init) ?? ini.path)" : name
            let customer = log.within(.customer(identity)) {
                Self.readCustomer(SectionReader(ini: ini, section: name, log: log), identity: identity, global: global)
            }
            if let customer { customers.append(customer) }
        }
    }

    /// Customers of several files as one list (the first file's path stands for them).
    init(merging files: [CustomersFile]) {
        path = files.first?.path ?? ""
        customers = files.flatMap(\.customers)
    }

    private static func readCustomer(_ section: SectionReader, identity: String, global: GlobalConfig) -> CustomerConfig? {
        var name = section.required("Name")
        if let given = name, !isPlainFolderName(given) {
            // It names the customer's folder under [InputState] SaveDir: such a
            // customer is not read at all, so nothing is written outside it.
            section.log.error(section.ini.path, section.line("Name"), "[\(section.section)] Name '\(given)' must be a plain folder name (no '/', not '.' or '..')")
            name = nil
        }
        let outputDir = section.required("OutputDir")
        let jobNames = section.list("Jobs")
        if jobNames.isEmpty, section.string("Jobs") == nil, section.line("Jobs") == nil {
            section.log.error(section.ini.path, section.sectionLine, "[\(section.section)] needs the option Jobs")
        }
        var customer = CustomerConfig(section: identity, iniSection: section.section, file: section.ini.path, line: section.sectionLine ?? 0, name: name ?? "",
                                      outputDir: outputDir ?? "", ams: global.ams, authentication: global.authentication)
        customer.webAPI = global.webAPI
        applyOverrides(section, to: &customer)
        // A customer-level TopoType or TopoFetchType makes the section a 2.3.1 tenant.
        if section.line("TopoType") != nil || section.line("TopoFetchType") != nil {
            customer.tenant = readTenant(section)
        }
        var dirnames: [String: String] = [:]
        for jobName in jobNames {
            let job: JobConfig? = section.log.within(.job(customer: identity, job: jobName, connector: nil)) {
                guard section.ini.section(named: jobName) != nil else {
                    let near = section.ini.sectionNames.first { $0.lowercased() == jobName.lowercased() }
                    let hint = near.map { " (did you mean [\($0)]? section names are case-sensitive)" } ?? ""
                    section.log.error(section.ini.path, section.line("Jobs"), "[\(section.section)] lists job \(jobName), but there is no [\(jobName)] section\(hint)")
                    return nil
                }
                let jobSection = SectionReader(ini: section.ini, section: jobName, log: section.log)
                guard let job = customer.tenant == nil ? readJob(jobSection) : readTenantJob(jobSection) else { return nil }
                if let other = dirnames[job.dirname] {
                    section.log.error(section.ini.path, job.line, "[\(jobName)] Dirname \(job.dirname) is already used by [\(other)] of customer [\(section.section)]")
                }
                return job
            }
            guard let job else { continue }
            dirnames[job.dirname] = dirnames[job.dirname] ?? jobName
            customer.jobs.append(job)
        }
        return name == nil || outputDir == nil ? nil : customer
    }

    private static func applyOverrides(_ section: SectionReader, to customer: inout CustomerConfig) {
        if let host = section.string("WebAPIHost") { customer.webAPI.host = host }
        if let token = section.string("WebAPIToken") { customer.webAPI.token = token }
        if let host = section.string("AmsHost") { customer.ams.host = host }
        if let token = section.string("AmsToken") { customer.ams.token = token }
        if let project = section.string("AmsProject") { customer.ams.project = project }
        if let topic = section.string("AmsTopic") { customer.ams.topic = topic }
        customer.ams.bulk = section.int("AmsBulk", default: customer.ams.bulk, minimum: 1)
        customer.ams.packSingleMessage = section.bool("AmsPackSingleMsg", default: customer.ams.packSingleMessage)
        customer.authentication.usePlainHTTPAuth = section.bool("AuthenticationUsePlainHttpAuth", default: customer.authentication.usePlainHTTPAuth)
        if let user = section.string("AuthenticationHttpUser") { customer.authentication.httpUser = user }
        if let pass = section.string("AuthenticationHttpPass") { customer.authentication.httpPass = pass }
        if let token = section.string("AuthenticationPoemToken") { customer.authentication.poemToken = token }
    }

    /// A job with its Dirname (both generations), nil without one.
    private static func readJobFolder(_ section: SectionReader) -> JobConfig? {
        guard let dirname = section.required("Dirname") else { return nil }
        if !isPlainFolderName(dirname) {
            section.log.error(section.ini.path, section.line("Dirname"), "[\(section.section)] Dirname '\(dirname)' must be a plain directory name")
        }
        return JobConfig(section: section.section, line: section.sectionLine ?? 0, dirname: dirname)
    }

    /// A name that is one folder inside its parent: no '/', not '.' or '..'.
    private static func isPlainFolderName(_ name: String) -> Bool {
        !name.contains("/") && name != "." && name != ".."
    }

    private static func readJob(_ section: SectionReader) -> JobConfig? {
        guard var job = readJobFolder(section) else { return nil }
        // A bad option stops only the connector that uses it.
        within(section, .metricProfiles) {
            job.profiles = section.list("Profiles")
            job.poemNamespace = section.string("PoemNamespace")
            job.poemServerHost = section.string("PoemServerHost")
            job.poemServerVOs = section.list("PoemServerVO")
        }
        within(section, .topology) {
            if let fetchType = section.string("TopoFetchType") {
                if let known = TopoFetchType.allCases.first(where: { $0.rawValue.lowercased() == fetchType.lowercased() }) {
                    job.topoFetchType = known
                } else {
                    section.log.error(section.ini.path, section.line("TopoFetchType"), "[\(section.section)] TopoFetchType = '\(fetchType)' must be Sites or ServiceGroups")
                }
            }
            job.topoSelectGroupOfGroups = readSelection(section, "TopoSelectGroupOfGroups")
            job.topoSelectGroupOfEndpoints = readSelection(section, "TopoSelectGroupOfEndpoints")
            job.topoFeed = section.string("TopoFeed")
            job.topoFeedPaging = section.bool("TopoFeedPaging", default: false)
        }
        within(section, .downtimes) { job.downtimesFeed = section.string("DowntimesFeed") }
        within(section, .weights) { job.weightsFeed = section.string("WeightsFeed") }
        return job
    }

    /// A 2.3.1 tenant's options, with their 2.3.1 meaning.
    private static func readTenant(_ section: SectionReader) -> TenantConfig {
        var tenant = TenantConfig()
        if let text = section.required("TopoType") {
            if let type = DataSource.topoTypes.first(where: { $0.rawValue == text.uppercased() }) {
                tenant.topoType = type
            } else {
                let known = DataSource.topoTypes.map(\.rawValue).joined(separator: ", ")
                section.log.error(section.ini.path, section.line("TopoType"), "[\(section.section)] TopoType = '\(text)' is not one of \(known)")
            }
        }
        if section.required("TopoFetchType") != nil { tenant.topoFetchTypes = section.list("TopoFetchType") }
        if tenant.topoType == .gocdb {
            for item in tenant.topoFetchTypes where !["sites", "servicegroups"].contains(item.lowercased()) {
                section.log.error(section.ini.path, section.line("TopoFetchType"), "[\(section.section)] TopoFetchType '\(item)' must be Sites or ServiceGroups for TopoType GOCDB")
            }
        }
        tenant.topoFeed = section.string("TopoFeed")
        tenant.topoFeedPaging = section.bool("TopoFeedPaging", default: false)
        tenant.topoFeedSites = section.string("TopoFeedSites")
        tenant.topoFeedServiceEndpoints = section.string("TopoFeedServiceEndpoints")
        tenant.topoFeedServiceGroups = section.string("TopoFeedServiceGroups")
        tenant.topoFeedServiceEndpointsExtensions = section.string("TopoFeedServiceEndpointsExtensions")
        tenant.topoScope = section.string("TopoScope")
        tenant.topoUIDServiceEndpoints = section.bool("TopoUIDServiceEndpoints", default: false)
        // A single tier is one tier (2.3.1 iterated its characters).
        tenant.topoTiers = section.list("TopoTiers").map { $0.lowercased() }
        tenant.honorNotificationFlag = section.bool("HonorNotificationFlag", default: false)
        tenant.serviceTypesFeed = section.string("ServiceTypesFeed")
        tenant.downtimesFeed = section.string("DowntimesFeed")
        tenant.vaporpi = section.string("Vaporpi")
        tenant.weightsEmpty = section.bool("WeightsEmpty", default: false)
        tenant.downtimesEmpty = section.bool("DowntimesEmpty", default: false)
        tenant.bdii = readBDII(section)
        tenant.oidcRefreshToken = section.string("OIDCRefreshToken")
        tenant.oidcTokenEndpoint = section.string("OIDCTokenEndpoint")
        tenant.oidcClientId = section.string("OIDCClientId")
        return tenant
    }

    /// `BDII = True` with its seven options, or none of them (as 2.3.1: all or none).
    private static func readBDII(_ section: SectionReader) -> TenantConfig.BDIISettings? {
        let options = ["BDIIHost", "BDIIPort", "BDIIQueryBase", "BDIIQueryFilterSRM", "BDIIQueryAttributesSRM",
                       "BDIIQueryFilterSEPATH", "BDIIQueryAttributesSEPATH"]
        let given = options.filter { section.line($0) != nil }
        let enabled = section.bool("BDII", default: false)
        guard enabled || !given.isEmpty || section.line("BDII") != nil else { return nil }
        let missing = (["BDII"] + options).filter { section.line($0) == nil }
        guard missing.isEmpty else {
            section.log.error(section.ini.path, section.line("BDII") ?? section.line(given.first ?? "") ?? section.sectionLine,
                              "[\(section.section)] the BDII options go together: \(missing.joined(separator: ", ")) missing")
            return nil
        }
        guard enabled else { return nil }
        let attributes = { (option: String) in (section.string(option) ?? "").split(whereSeparator: { $0 == " " }).map(String.init) }
        return TenantConfig.BDIISettings(host: section.string("BDIIHost") ?? "", port: section.int("BDIIPort", default: 2170, minimum: 1),
                                         queryBase: section.string("BDIIQueryBase") ?? "",
                                         queryFilterSRM: section.string("BDIIQueryFilterSRM") ?? "",
                                         queryAttributesSRM: attributes("BDIIQueryAttributesSRM"),
                                         queryFilterSEPath: section.string("BDIIQueryFilterSEPATH") ?? "",
                                         queryAttributesSEPath: attributes("BDIIQueryAttributesSEPATH"))
    }

    /// A 2.3.1 job: its folder and metric profiles (no per-job topology selection there).
    private static func readTenantJob(_ section: SectionReader) -> JobConfig? {
        guard var job = readJobFolder(section) else { return nil }
        within(section, .metricProfiles) {
            if section.required("Profiles") != nil { job.profiles = section.list("Profiles") }
            job.metricProfileNamespace = section.string("MetricProfileNamespace")
        }
        return job
    }

    /// Runs `body` with its problems scoped to this job's `connector`.
    private static func within(_ section: SectionReader, _ connector: DataKind, _ body: () -> Void) {
        guard case .job(let customer, let job, _) = section.log.scope else { return body() }
        section.log.within(.job(customer: customer, job: job, connector: connector), body)
    }

    private static func readSelection(_ section: SectionReader, _ option: String) -> TagSelection {
        guard let text = section.string(option) else { return TagSelection() }
        do {
            return try TagSelection(parsing: text)
        } catch {
            section.log.error(section.ini.path, section.line(option), "[\(section.section)] \(option): \(error)")
            return TagSelection()
        }
    }
}
