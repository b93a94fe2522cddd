import ArgoConnectors
import ArgoModel
import ArgoSystem

/// `check`: a Nagios/Icinga plugin over the state files, replacing the
/// `argo.connectors` probe of nagios-plugins-argo (which imported the
/// Python package). Its rule: per customer, job and connector, CRITICAL
/// when the state files of all of the last `Days` days say False or are
/// missing, WARNING when all but the oldest do; downtimes count today's
/// file. Besides: a shrink-guard refusal, and as perfdata the age of the
/// newest good day and the last good run's record counts.
enum CheckCommand {
    static let files = Option<String>("files", short: "f", value: "KIND[,KIND...]",
                                      help: "check only these connectors (topology, downtimes, weights, poem, metricprofile, services; -ok suffixes accepted)")
    static let today = Option<RunDate>(date: "today", help: "judge as on this day (default: today in local time)")
    static let stateDir = Option<String>("state-dir", value: "DIR",
                                         help: "read this state folder alone ([InputState] SaveDir), not the configuration files (which hold secrets): for an unprivileged monitoring user")
    static let days = Option<Int>("days", minimum: 1, help: "with --state-dir: [InputState] Days (default 3)")

    static var spec: CommandSpec {
        CommandSpec(name: "check", summary: "Nagios/Icinga plugin: are the state files of the last Days days good?",
                    options: CommonOptions.configuration + [files, today, stateDir, days], positionals: "[KIND...]", positionalRange: 0...Int.max,
                    details: """
                        One status line (OK, WARNING, CRITICAL or UNKNOWN), the problems joined by ' / ', then perfdata:
                        per customer, job and connector the age in days of the newest good day and the last good run's
                        record counts. The days judged are those the installed schedule writes: yesterday's and the
                        Days - 1 before it (a night not yet run counts as pending while the day before is good).
                        With --state-dir only that folder is read (every customer, job and connector that wrote a
                        state file), so the monitoring user needs no access to the configuration files.
                        """, exitStatuses: [(0, "OK"), (1, "WARNING"), (2, "CRITICAL"), (3, "UNKNOWN: the state cannot be judged, or a usage error (one line on standard output)")],
                    run: run)
    }

    private enum Severity: Int, Comparable {
        case ok = 0, warning, critical, unknown
        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
        var label: String { ["OK", "WARNING", "CRITICAL", "UNKNOWN"][rawValue] }
        var exit: ExitStatus { [.success, .runtimeFailure, .usageOrConfiguration, .unknown][rawValue] }
    }

    private static func run(_ arguments: ParsedArguments, environment: RunEnvironment) throws -> ExitStatus {
        let unknown = { (message: String) -> ExitStatus in
            environment.output.writeLine("UNKNOWN - \(message)")
            return .unknown
        }
        let stateNames = Set(ConnectorCatalogue.descriptors.map(\.stateName))
        let asked = (try arguments.value(files)).map { CommaList.split($0) } ?? []
        let kinds = Set((asked + arguments.positionals).map { $0.lowercased().replacing("-ok", with: "") })
        if let stranger = kinds.first(where: { !stateNames.contains($0) }) {
            return unknown("unknown kind \(stranger) (known: \(stateNames.sorted().joined(separator: ", ")))")
        }
        let day = try arguments.value(today) ?? environment.calendar.yesterday().adding(days: 1)
        var report = Report()
        if let folder = try arguments.value(stateDir) {
            guard LocalFiles.isDirectory(folder) else { return unknown("the state folder \(folder) does not exist (--state-dir)") }
            let states = StateFiles(saveDir: folder, days: try arguments.value(days) ?? 3)
            let shrinkGuard = ShrinkGuard(stateFiles: states, limitPercent: 0, allowShrink: false)
            for (unit, descriptor) in discovered(in: folder, date: day) where kinds.isEmpty || kinds.contains(descriptor.stateName) {
                report.judge(unit, descriptor, guard: shrinkGuard)
            }
            guard report.judged > 0 else { return unknown("the state folder \(folder) holds no state file\(kinds.isEmpty ? "" : " of \(kinds.sorted().joined(separator: ", "))")") }
            environment.output.writeLine(report.line)
            return report.severity.exit
        }
        if try arguments.value(days) != nil { return unknown("--days goes with --state-dir (otherwise Days is global.conf's)") }
        let paths = try CommonOptions.paths(arguments, variables: environment.variables)
        let reading = CommonOptions.read(paths)
        guard let configuration = reading.configuration else {
            return unknown(reading.log.errors.first.map(\.description) ?? "the configuration cannot be read")
        }
        guard let saveDir = configuration.global.stateSaveDir else {
            return unknown("\(configuration.global.path) has no [InputState] SaveDir: there are no state files to check")
        }
        guard LocalFiles.isDirectory(saveDir) else {
            return unknown("the state folder \(saveDir) ([InputState] SaveDir of \(configuration.global.path)) does not exist: no run has written a state file")
        }
        let context = ConnectorContext.offline(configuration)
        // The state folder as the runs keep it, read through the same code.
        let shrinkGuard = ShrinkGuard(stateFiles: StateFiles(saveDir: saveDir, days: configuration.global.stateDays),
                                      limitPercent: configuration.global.shrinkLimit, allowShrink: false)
        for customer in configuration.customers.customers {
            var seen = Set<String>()
            for (descriptor, jobs) in ConnectorCatalogue.work(for: customer, context: context)
            where (kinds.isEmpty || kinds.contains(descriptor.stateName)) && seen.insert(descriptor.stateName).inserted {
                let units = descriptor.perCustomerIn.contains(customer.generation)
                    ? [JobTarget(wholeCustomer: customer, date: day)] : jobs.map { JobTarget(customer: customer, job: $0, date: day) }
                for unit in units {
                    report.judge(unit, descriptor, guard: shrinkGuard)
                }
            }
        }
        environment.output.writeLine(report.line)
        return report.severity.exit
    }

    /// Every unit of a state folder that wrote a state file: `NAME/KIND-ok_DATE`
    /// (a tenant's) and `NAME/DIRNAME/KIND-ok_DATE` (a job's), as `StateFiles` lays them out.
    private static func discovered(in folder: String, date: RunDate) -> [(JobTarget, ConnectorDescriptor)] {
        let byState = Dictionary(ConnectorCatalogue.descriptors.map { ($0.stateName, $0) }, uniquingKeysWith: { first, _ in first })
        func kinds(in directory: String) -> [ConnectorDescriptor] {
            let names = Set(LocalFiles.entries(of: directory).compactMap { name -> String? in
                guard let range = name.firstRange(of: "-ok_"), RunDate(parsing: String(name[range.upperBound...]).replacing("_", with: "-")) != nil else { return nil }
                return String(name[..<range.lowerBound])
            })
            return names.sorted().compactMap { byState[$0] }
        }
        var units: [(JobTarget, ConnectorDescriptor)] = []
        for name in LocalFiles.entries(of: folder).sorted() where LocalFiles.isDirectory("\(folder)/\(name)") && !name.hasPrefix(".") {
            // A stand-in customer and job: the state folder names them, nothing else is read.
            let customer = CustomerConfig.named(name)
            for descriptor in kinds(in: "\(folder)/\(name)") { units.append((JobTarget(wholeCustomer: customer, date: date), descriptor)) }
            for dirname in LocalFiles.entries(of: "\(folder)/\(name)").sorted() where LocalFiles.isDirectory("\(folder)/\(name)/\(dirname)") {
                let job = JobConfig(section: dirname, line: 0, dirname: dirname)
                for descriptor in kinds(in: "\(folder)/\(name)/\(dirname)") { units.append((JobTarget(customer: customer, job: job, date: date), descriptor)) }
            }
        }
        return units
    }

    /// What the units said, worst first.
    private struct Report {
        var severity = Severity.ok
        var messages: [(Severity, String)] = []
        var perfdata: [String] = []
        var judged = 0

        var line: String {
            let shown = messages.filter { $0.0 == severity }.map(\.1)
            let text = severity == .ok ? "All connectors are working fine." : shown.joined(separator: " / ")
            return "\(severity.label) - \(text)" + (perfdata.isEmpty ? "" : " | " + perfdata.joined(separator: " "))
        }

        mutating func add(_ level: Severity, _ message: String) {
            severity = max(severity, level)
            messages.append((level, message))
        }

        /// The probe's rule on the unit's last `days` state files, then what else this package knows.
        mutating func judge(_ unit: JobTarget, _ descriptor: ConnectorDescriptor, guard shrinkGuard: ShrinkGuard) {
            judged += 1
            let states = shrinkGuard.stateFiles
            let state = { (date: RunDate) -> String? in
                (try? LocalFiles.read(states.path(descriptor, target: unit, date: date), limit: LocalFiles.SizeLimit.state)).map { String(decoding: $0, as: UTF8.self).trimmingWhitespace() }
            }
            // The installed schedule runs every connector once a night for yesterday
            // (downtimes too, unlike the probe's today). Before tonight's run,
            // yesterday's file is missing: pending while the day before is good.
            var newest = unit.date.adding(days: -1)
            if state(newest) == nil, state(newest.adding(days: -1)) == "True" { newest = newest.adding(days: -1) }
            let dates = (0..<states.days).map { newest.adding(days: -$0) }
            let found = dates.map(state)
            let good = found.map { $0 == "True" }
            let name = "Customer: \(unit.customer.name)" + (unit.isCustomerWide ? "" : ", Job: \(unit.job.section)")
                + ", File: \(descriptor.stateName.uppercased())"
            let present = found.filter { $0 != nil }.count
            let days = present == states.days ? "" : " (\(present) of the last \(states.days) days have a state file)"
            if !good.contains(true) {
                add(.critical, "\(name) not ok for last \(states.days) day\(states.days == 1 ? "" : "s")!\(days)")
            } else if states.days > 1, good.last == true, !good.dropLast().contains(true) {
                // Only the oldest day was good (the probe's rule); a fresh install's missing older days are no failure.
                add(.warning, "\(name) not ok: its last good day is \(dates[states.days - 1])\(days)")
            }
            if !good[0], let refusal = shrinkGuard.lastRefusal(descriptor, unit) {
                add(.warning, "\(name) refused by the shrink guard on \(refusal.date): \(refusal.reason)")
            }
            let label = unit.isCustomerWide ? "\(unit.customer.name)/\(descriptor.stateName)" : "\(unit.customer.name)/\(unit.job.dirname)/\(descriptor.stateName)"
            if let age = good.firstIndex(of: true) {
                perfdata.append("'\(label)_age_days'=\(age + unit.date.daysSinceEpoch - newest.daysSinceEpoch);;;0")
            }
            if case .counts(_, let counts) = shrinkGuard.previous(descriptor, unit) {
                for (kind, count) in counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { perfdata.append("'\(label)_\(kind.rawValue)'=\(count);;;0") }
            }
        }
    }
}
