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

    static var spec: CommandSpec {
        CommandSpec(name: "check", summary: "Nagios/Icinga plugin: are the state files of the last Days days good?",
                    options: CommonOptions.configuration + [files, today], positionals: "[KIND...]", positionalRange: 0...Int.max,
                    details: """
                        One status line (OK, WARNING, CRITICAL or UNKNOWN), the problems joined by ' / ', then perfdata:
                        per customer, job and connector the age in days of the newest good day and the last good run's
                        record counts. Exit 0, 1, 2 or 3 as the plugin guidelines say.
                        """, run: run)
    }

    private enum Severity: Int, Comparable {
        case ok = 0, warning, critical, unknown
        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
        var label: String { ["OK", "WARNING", "CRITICAL", "UNKNOWN"][rawValue] }
        var exit: ExitStatus { [.success, .runtimeFailure, .usageOrConfiguration, .unknown][rawValue] }
    }

    private static func run(_ arguments: ParsedArguments, environment: RunEnvironment) throws -> ExitStatus {
        let paths = try CommonOptions.paths(arguments, variables: environment.variables)
        let reading = CommonOptions.read(paths)
        let unknown = { (message: String) -> ExitStatus in
            environment.output.writeLine("UNKNOWN - \(message)")
            return .unknown
        }
        guard let configuration = reading.configuration else {
            return unknown(reading.log.errors.first.map(\.description) ?? "the configuration cannot be read")
        }
        guard let saveDir = configuration.global.stateSaveDir else {
            return unknown("\(configuration.global.path) has no [InputState] SaveDir: there are no state files to check")
        }
        let stateNames = Set(ConnectorCatalogue.descriptors.map(\.stateName))
        let asked = (try arguments.value(files)).map { CommaList.split($0) } ?? []
        let kinds = Set((asked + arguments.positionals).map { $0.lowercased().replacing("-ok", with: "") })
        if let stranger = kinds.first(where: { !stateNames.contains($0) }) {
            return unknown("unknown kind \(stranger) (known: \(stateNames.sorted().joined(separator: ", ")))")
        }
        let day = try arguments.value(today) ?? LocalTime.yesterday().adding(days: 1)
        var report = Report()
        let context = ValidateConfigCommand.offlineContext(configuration)
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

    /// What the units said, worst first.
    private struct Report {
        var severity = Severity.ok
        var messages: [(Severity, String)] = []
        var perfdata: [String] = []

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
            let states = shrinkGuard.stateFiles
            // Downtimes are fetched ahead: today's file counts, as in the probe.
            let newest = descriptor.stateName == "downtimes" ? unit.date : unit.date.adding(days: -1)
            let dates = (0..<states.days).map { newest.adding(days: -$0) }
            let good = dates.map { date in
                (try? LocalFiles.read(states.path(descriptor, target: unit, date: date))).map { String(decoding: $0, as: UTF8.self).trimmingWhitespace() } == "True"
            }
            let name = "Customer: \(unit.customer.name)" + (unit.isCustomerWide ? "" : ", Job: \(unit.job.section)")
                + ", File: \(descriptor.stateName.uppercased())"
            if !good.contains(true) {
                add(.critical, "\(name) not ok for last \(states.days) days!")
            } else if !good.dropLast().contains(true) {
                add(.warning, "\(name) not ok.")
            }
            if !good[0], let refusal = shrinkGuard.lastRefusal(descriptor, unit) {
                add(.warning, "\(name) refused by the shrink guard on \(refusal.date): \(refusal.reason)")
            }
            let label = unit.isCustomerWide ? "\(unit.customer.name)/\(descriptor.stateName)" : "\(unit.customer.name)/\(unit.job.dirname)/\(descriptor.stateName)"
            if let age = good.firstIndex(of: true) {
                perfdata.append("'\(label)_age_days'=\(age + (descriptor.stateName == "downtimes" ? 0 : 1));;;0")
            }
            if case .counts(_, let counts) = shrinkGuard.previous(descriptor, unit) {
                for (kind, count) in counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { perfdata.append("'\(label)_\(kind.rawValue)'=\(count);;;0") }
            }
        }
    }
}
