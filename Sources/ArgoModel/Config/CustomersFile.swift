/// `customer.conf`.
package struct CustomersFile: Sendable {
    package var path: String
    package var customers: [CustomerConfig] = []

    /// The customers of one file; `taken`: the identities of customers read
    /// from earlier files (a section of the same name is `NAME@FILE` here).
    init(ini: INIFile, global: GlobalConfig, sources: SourceDeclarations, log: DiagnosticLog, taken: Set<String> = []) {
        path = ini.path
        let customerSections = ini.sectionNames.filter { $0.uppercased().hasPrefix("CUSTOMER_") }
        if customerSections.isEmpty { log.error(path, nil, "no [CUSTOMER_*] section: nothing to do") }
        for name in customerSections {
            let identity = taken.contains(name) ? "\(name)@\(ini.path.split(separator: "/").last.map(String.init) ?? ini.path)" : name
            let customer = log.within(.customer(identity)) {
                Self.readCustomer(SectionReader(ini: ini, section: name, log: log), identity: identity, global: global, sources: sources)
            }
            if let customer { customers.append(customer) }
        }
    }

    /// Customers of several files as one list (the first file's path stands for them).
    init(merging files: [CustomersFile]) {
        path = files.first?.path ?? ""
        customers = files.flatMap(\.customers)
    }

    private static func readCustomer(_ section: SectionReader, identity: String, global: GlobalConfig, sources: SourceDeclarations) -> CustomerConfig? {
        var name = section.required(CoreOption.Customer.name)
        if let given = name, !isPlainFolderName(given) {
            // It names the customer's folder under [InputState] SaveDir: such a
            // customer is not read at all, so nothing is written outside it.
            section.log.error(section.ini.path, section.line(CoreOption.Customer.name), "[\(section.section)] Name '\(given)' must be a plain folder name (no '/', not '.' or '..')")
            name = nil
        }
        let outputDir = section.required(CoreOption.Customer.outputDir)
        let jobNames = section.list(CoreOption.Customer.jobs)
        if jobNames.isEmpty, section.string(CoreOption.Customer.jobs) == nil, section.line(CoreOption.Customer.jobs) == nil {
            section.log.error(section.ini.path, section.sectionLine, "[\(section.section)] needs the option Jobs")
        }
        var customer = CustomerConfig(section: identity, iniSection: section.section, file: section.ini.path, line: section.sectionLine ?? 0, name: name ?? "",
                                      outputDir: outputDir ?? "", ams: global.ams, authentication: global.authentication)
        customer.webAPI = global.webAPI
        applyOverrides(section, to: &customer)
        // A customer-level TopoType or TopoFetchType makes the section a 2.3.1 tenant.
        if section.line(CoreOption.Customer.topoType) != nil || section.line(CoreOption.Customer.topoFetchType) != nil {
            customer.tenant = readTenant(section, sources: sources)
        }
        var dirnames: [String: String] = [:]
        for jobName in jobNames {
            let job: JobConfig? = section.log.within(.job(customer: identity, job: jobName, connector: nil)) {
                guard section.ini.section(named: jobName) != nil else {
                    let near = section.ini.sectionNames.first { $0.lowercased() == jobName.lowercased() }
                    let hint = near.map { " (did you mean [\($0)]? section names are case-sensitive)" } ?? ""
                    section.log.error(section.ini.path, section.line(CoreOption.Customer.jobs), "[\(section.section)] lists job \(jobName), but there is no [\(jobName)] section\(hint)")
                    return nil
                }
                let jobSection = SectionReader(ini: section.ini, section: jobName, log: section.log)
                guard let job = customer.tenant == nil ? readJob(jobSection, sources: sources) : readTenantJob(jobSection) else { return nil }
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
        typealias Customer = CoreOption.Customer
        if let host = section.string(Customer.webAPIHost) { customer.webAPI.host = host }
        if let token = section.string(Customer.webAPIToken) { customer.webAPI.token = token }
        if let host = section.string(Customer.amsHost) { customer.ams.host = host }
        if let token = section.string(Customer.amsToken) { customer.ams.token = token }
        if let project = section.string(Customer.amsProject) { customer.ams.project = project }
        if let topic = section.string(Customer.amsTopic) { customer.ams.topic = topic }
        customer.ams.bulk = section.int(Customer.amsBulk, default: customer.ams.bulk)
        customer.ams.packSingleMessage = section.bool(Customer.amsPackSingleMsg, default: customer.ams.packSingleMessage)
        customer.authentication.usePlainHTTPAuth = section.bool(Customer.usePlainHttpAuth, default: customer.authentication.usePlainHTTPAuth)
        if let user = section.string(Customer.httpUser) { customer.authentication.httpUser = user }
        if let pass = section.string(Customer.httpPass) { customer.authentication.httpPass = pass }
        if let token = section.string(Customer.poemToken) { customer.authentication.poemToken = token }
    }

    /// A job with its Dirname (both generations), nil without one.
    private static func readJobFolder(_ section: SectionReader) -> JobConfig? {
        guard let dirname = section.required(CoreOption.Job.dirname) else { return nil }
        if !isPlainFolderName(dirname) {
            section.log.error(section.ini.path, section.line(CoreOption.Job.dirname), "[\(section.section)] Dirname '\(dirname)' must be a plain directory name")
        }
        return JobConfig(section: section.section, line: section.sectionLine ?? 0, dirname: dirname)
    }

    /// A name that is one folder inside its parent: no '/', not '.' or '..'.
    private static func isPlainFolderName(_ name: String) -> Bool {
        !name.contains("/") && name != "." && name != ".."
    }

    private static func readJob(_ section: SectionReader, sources: SourceDeclarations) -> JobConfig? {
        guard var job = readJobFolder(section) else { return nil }
        // A bad option stops only the connector that uses it.
        within(section, .metricProfiles) { job.profiles = section.list(CoreOption.Job.profiles) }
        job.options = readOptions(sources.options(at: .job, .egi17), from: section)
        check(sources.rules(for: .job), SourceRuleContext(reader: section, settings: job.options, topoFetchTypes: [], profiles: job.profiles))
        return job
    }

    /// A 2.3.1 tenant: its TopoType and TopoFetchType, and the options its
    /// sources declared, checked by the rules of every tenant and of its TopoType.
    private static func readTenant(_ section: SectionReader, sources: SourceDeclarations) -> TenantConfig {
        var tenant = TenantConfig(topoType: sources.topoTypes.first ?? "")
        if let text = section.required(CoreOption.Customer.topoType) {
            if let type = sources.topoTypes.first(where: { $0 == text.uppercased() }) {
                tenant.topoType = type
            } else {
                let known = sources.topoTypes.joined(separator: ", ")
                section.log.error(section.ini.path, section.line(CoreOption.Customer.topoType), "[\(section.section)] TopoType = '\(text)' is not one of \(known)")
            }
        }
        if section.required(CoreOption.Customer.topoFetchType) != nil { tenant.topoFetchTypes = section.list(CoreOption.Customer.topoFetchType) }
        tenant.options = readOptions(sources.options(at: .customer, .argo231), from: section)
        check(sources.rules(for: .everyTenant) + sources.rules(for: .topoType(tenant.topoType)),
              SourceRuleContext(reader: section, settings: tenant.options, topoFetchTypes: tenant.topoFetchTypes, profiles: []))
        return tenant
    }

    /// The section's values of `options`, each bad one reported scoped to the connector it stops.
    private static func readOptions(_ options: [SourceOption], from section: SectionReader) -> SourceSettings {
        var settings = SourceSettings()
        for option in options { within(section, option.stops) { settings[option] = read(option, from: section) } }
        return settings
    }

    /// Each rule's problems scoped to the connector it stops.
    private static func check(_ rules: [SourceRule], _ context: SourceRuleContext) {
        for rule in rules { within(context.reader, rule.stops) { rule.check(context) } }
    }

    /// An option's value as its declaration reads it; nil when absent (or bad, which is reported).
    private static func read(_ option: SourceOption, from section: SectionReader) -> SourceValue? {
        let name = option.name
        guard let text = section.string(name) else { return nil }
        switch option.kind {
        case .text: return .text(text)
        case .flag: return .flag(section.bool(name, default: option.defaultFlag))
        case .number(let minimum): return .number(section.int(name, default: option.defaultNumber ?? minimum, minimum: minimum))
        case .list: return .list(CommaList.split(text))
        case .lowercasedList: return .list(CommaList.split(text).map { $0.lowercased() })
        case .words: return .list(text.split(whereSeparator: { $0 == " " }).map(String.init))
        case .choice(let choices):
            if let known = choices.first(where: { $0.lowercased() == text.lowercased() }) { return .text(known) }
            section.log.error(section.ini.path, section.line(name), "[\(section.section)] \(name) = '\(text)' must be \(choices.joined(separator: " or "))")
            return nil
        case .tagSelection:
            do {
                return .selection(try TagSelection(parsing: text))
            } catch {
                section.log.error(section.ini.path, section.line(name), "[\(section.section)] \(name): \(error)")
                return nil
            }
        }
    }

    /// A 2.3.1 job: its folder and metric profiles (no per-job topology selection there).
    private static func readTenantJob(_ section: SectionReader) -> JobConfig? {
        guard var job = readJobFolder(section) else { return nil }
        within(section, .metricProfiles) {
            if section.required(CoreOption.Job.profiles) != nil { job.profiles = section.list(CoreOption.Job.profiles) }
            job.metricProfileNamespace = section.string(CoreOption.Job.metricProfileNamespace)
        }
        return job
    }

    /// Runs `body` with its problems scoped to `connector` of the job or
    /// customer being read (nil: to the job or the customer).
    private static func within(_ section: SectionReader, _ connector: DataKind?, _ body: () -> Void) {
        switch (connector, section.log.scope) {
        case (let connector?, .job(let customer, let job, _)): section.log.within(.job(customer: customer, job: job, connector: connector), body)
        case (let connector?, .customer(let customer)): section.log.within(.customerWide(customer: customer, connector: connector), body)
        default: body()
        }
    }
}
