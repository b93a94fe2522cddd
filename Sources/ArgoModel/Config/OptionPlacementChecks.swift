/// Every option of both files held against `KnownOptions`: an unknown
/// option is a warning with the nearest known name; a known one that has no
/// effect where it stands (a job option in a customer section, a 1.7
/// option in a 2.3.1 file, AMS options with PublishAms off) is a warning
/// saying why. Nothing here stops a run; `validate-config --strict` makes
/// warnings errors.
struct OptionPlacementChecks {
    let globalINI: INIFile
    let customerINI: INIFile
    let global: GlobalConfig
    let known: KnownOptions
    let customers: CustomersFile
    let log: DiagnosticLog
    /// Whether global.conf is checked too (once per run, with its first customer.conf).
    var checksGlobal = true

    /// Options found to have no effect, for `--dump`.
    private(set) var ignored: [ConfigOptionNote] = []
    /// Unknown options close to a known one, with whose section they stand in.
    private(set) var misspellings: [ConfigMisspelling] = []
    /// Options not given whose default a run uses, for `--dump`.
    private(set) var defaults: [ConfigOptionNote] = []

    mutating func run() {
        if checksGlobal { checkGlobal() }
        checkCustomers()
        noteDefaults()
    }

    private mutating func noteDefaults() {
        for section in KnownOptions.globalSections where checksGlobal {
            let present = globalINI.sectionName(caseInsensitive: section)
            noteDefaults(of: .global(section), generation: global.generation, section: present ?? section, file: present.map { _ in globalINI })
        }
        for customer in customers.customers {
            noteDefaults(of: .customer, generation: customer.generation, section: customer.iniSection, file: customerINI)
            for job in customer.jobs { noteDefaults(of: .job, generation: customer.generation, section: job.section, file: customerINI) }
        }
    }

    private mutating func noteDefaults(of place: KnownOptions.Place, generation: ConfigGeneration, section: String, file: INIFile?) {
        for option in known.at(place) where option.generations.contains(generation) {
            guard let value = option.defaultValue, file?.rawEntry(section: section, option: option.name) == nil else { continue }
            defaults.append(ConfigOptionNote(file: file?.path ?? globalINI.path, section: section, option: option.name, value: value))
        }
    }

    private mutating func checkGlobal() {
        let sections = KnownOptions.globalSections
        for section in globalINI.sections {
            guard let name = sections.first(where: { $0.lowercased() == section.name.lowercased() }) else {
                let hint = Suggestion.closest(to: section.name, among: sections).map { " (did you mean [\($0)]?)" } ?? ""
                warn(globalINI, section.line, section.name, nil, "[\(section.name)] is not a section of global.conf: its options have no effect\(hint)")
                continue
            }
            if name == "AMS" && global.generation == .egi17 && !global.publishAms && !section.options.isEmpty {
                // The 1.7 template's normal state: said, not warned; its options' spellings are still checked.
                log.note(globalINI.path, section.line, "[AMS] is not used: [General] PublishAms is off")
                for (_, entry) in section.options {
                    if known.at(.global(name)).contains(where: { $0.name.lowercased() == entry.spelling.lowercased() }) {
                        ignored.append(ConfigOptionNote(file: globalINI.path, section: section.name, option: entry.spelling, value: entry.rawValue))
                    } else {
                        check(entry, in: section.name, place: .global(name), generation: global.generation, file: globalINI, where_: "global.conf's [\(name)]")
                    }
                }
                continue
            }
            for (_, entry) in section.options {
                check(entry, in: section.name, place: .global(name), generation: global.generation, file: globalINI,
                      where_: "global.conf's [\(name)]")
            }
        }
    }

    private mutating func checkCustomers() {
        var jobsListed: [String: CustomerConfig] = [:]
        for customer in customers.customers {
            for job in customer.jobs { jobsListed[job.section] = jobsListed[job.section] ?? customer }
        }
        for section in customerINI.sections {
            if let customer = customers.customers.first(where: { $0.iniSection == section.name }) {
                for (_, entry) in section.options {
                    if global.generation == .egi17, !global.publishAms, entry.spelling.lowercased().hasPrefix("ams"),
                       known.at(.customer).contains(where: { $0.name.lowercased() == entry.spelling.lowercased() }) {
                        log.note(customerINI.path, entry.line, "[\(section.name)] \(entry.spelling) is not used: [General] PublishAms is off")
                        ignored.append(ConfigOptionNote(file: customerINI.path, section: section.name, option: entry.spelling, value: entry.rawValue))
                        continue
                    }
                    check(entry, in: section.name, place: .customer, generation: customer.generation, file: customerINI,
                          where_: customer.generation == .argo231 ? "an argo-connectors 2.3.1 tenant" : "a 1.7 customer section",
                          owner: (customer.section, nil))
                }
            } else if let customer = jobsListed[section.name] {
                for (_, entry) in section.options {
                    check(entry, in: section.name, place: .job, generation: customer.generation, file: customerINI,
                          where_: customer.generation == .argo231 ? "a 2.3.1 tenant's job" : "a 1.7 job", owner: (customer.section, section.name))
                }
            } else if !section.name.uppercased().hasPrefix("CUSTOMER_") {
                warn(customerINI, section.line, section.name, nil, "[\(section.name)] is no customer's job (no Jobs lists it): its options have no effect")
            }
        }
    }

    private mutating func check(_ entry: INIFile.Entry, in section: String, place: KnownOptions.Place, generation: ConfigGeneration,
                                file: INIFile, where_ context: String, owner: (customer: String, job: String?)? = nil) {
        let name = entry.spelling
        let matches = known.at(place).filter { $0.name.lowercased() == name.lowercased() }
        if !matches.isEmpty {
            guard !matches.contains(where: { $0.generations.contains(generation) }) else { return }
            let other = generation == .argo231 ? "a 1.7 option" : "an argo-connectors 2.3.1 option"
            warn(file, entry.line, section, name, "[\(section)] \(name) is \(other): it has no effect in \(context)")
            return
        }
        if let elsewhere = known.places(of: name).first {
            warn(file, entry.line, section, name, "[\(section)] \(name) is \(elsewhere.noun): it has no effect in \(context)")
            return
        }
        let candidates = known.at(place).filter { $0.generations.contains(generation) }.map(\.name)
        let suggestion = Suggestion.closest(to: name, among: candidates)
        let hint = suggestion.map { " (did you mean \($0)?)" } ?? ""
        warn(file, entry.line, section, name, "[\(section)] unknown option \(name): it has no effect\(hint)", value: entry.rawValue)
        if let owner, let suggestion {
            misspellings.append(ConfigMisspelling(file: file.path, line: entry.line, customer: owner.customer, job: owner.job,
                                                  option: name, suggestion: suggestion))
        }
    }

    private mutating func warn(_ file: INIFile, _ line: Int?, _ section: String, _ option: String?, _ message: String, value: String? = nil) {
        log.warning(file.path, line, message)
        // --dump keeps the value the option has in the file (it has no effect, but the operator meant something).
        let written = value ?? option.flatMap { file.rawEntry(section: section, option: $0)?.rawValue }
        if let option { ignored.append(ConfigOptionNote(file: file.path, section: section, option: option, value: written)) }
    }
}

/// An unknown option close to a known one (`DowntimesFed`), in a customer's
/// section (`job` nil) or one of its jobs': a connector that finds no feed
/// there says so (`Configuration.misspelledFeed`).
package struct ConfigMisspelling: Sendable {
    let file: String
    package let line: Int
    package let customer: String
    package let job: String?
    let option: String
    let suggestion: String

    /// The error of a connector it keeps from running.
    package func diagnostic(customer: CustomerConfig, command: String) -> ConfigDiagnostic {
        .error(file, line, "[\(customer.section)] \(command) of \(customer.name) will not run: no feed; \(option): did you mean \(suggestion)?")
    }
}

/// An option `validate-config --dump` lists beside the files' values: one
/// with no effect, or one a run uses with its default `value`.
package struct ConfigOptionNote: Sendable {
    package let file: String
    package let section: String
    package let option: String
    package let value: String?
}
