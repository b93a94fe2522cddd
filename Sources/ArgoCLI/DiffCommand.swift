import ArgoConnectors
import ArgoModel
import ArgoSystem
import Logging

/// `diff`: what changed between two outputs of one kind — two files (Avro
/// or JSON, either generation's records, `.json.gz` too), two days of a
/// configuration's jobs and tenants, or a day's files against what the
/// WEB-API holds (read-only GETs). Records are matched by identity
/// (`RecordKind.identity`). Exit 0 equal, 1 different, 2 error, as diff(1).
enum DiffCommand {
    static let kind = Option<DataKind>("kind", value: "KIND", help: "with -c/-g: topology, downtimes, weights or poem (metric profiles)",
                                       expectation: "is not one of topology, downtimes, weights, poem") { text in
        [DataKind.topology, .downtimes, .weights, .metricProfiles].first { $0.rawValue == text.lowercased() || (text.lowercased() == "metric-profiles" && $0 == .metricProfiles) }
    }
    static let from = Option<RunDate>(date: "from", help: "with --kind: the earlier day")
    static let to = Option<RunDate>(date: "to", help: "with --kind: the later day")
    static let day = Option<RunDate>(date: "date", short: "d", help: "with --webapi: the day compared")
    static let webAPI = Flag("webapi", help: "compare the day's files (A) with what the WEB-API holds for it (B); GETs only")
    static let customer = Option<String>("customer", value: "NAME", help: "only this customer (its Name)")
    static let job = Option<String>("job", value: "JOB", help: "only this job (its section or Dirname)")
    static let json = Flag("json", help: "print one JSON document instead of the report")

    static var spec: CommandSpec {
        CommandSpec(name: "diff", summary: "what changed between two days, two files, or a day's files and the WEB-API",
                    options: CommonOptions.configuration + [kind, from, to, day, webAPI, customer, job, json], positionals: "[FILE_A FILE_B]",
                    positionalRange: 0...2, details: """
                        diff FILE_A FILE_B compares two output files (Avro or JSON, .json.gz too);
                        diff -c C -g G --kind K --from D1 --to D2 compares two days of every job or tenant;
                        diff -c C -g G --kind K --date D --webapi compares a day's files with the WEB-API's.
                        Records are matched by identity (endpoints: type, group, service, hostname; groups: type,
                        group, subgroup; downtimes: hostname, service, start; weights: site; metric profiles:
                        profile, service, metric): added (+), removed (-) and changed (~, old → new) records, then
                        a count line per comparison.
                        """, exitStatuses: [(0, "equal"), (1, "different (or the WEB-API does not hold the day)"),
                                            (2, "an error: a file missing or of another kind, a usage error (the pairs that could be compared are printed)")],
                    run: run)
    }

    private static func run(_ arguments: ParsedArguments, environment: RunEnvironment) throws -> ExitStatus {
        let asJSON = arguments[json]
        let comparisons: [Comparison]
        do {
            comparisons = try plan(arguments, environment: environment)
        } catch let error as UsageError {
            throw error
        } catch {
            environment.errors.writeLine("argo-connectors: diff: \(error)")
            // --json: a JSON document whatever happens, so that a script can read it.
            if asJSON { environment.output.writeLine(JSONWriter.serialize(.object([("equal", .null), ("error", .string("\(error)"))]))) }
            return .usageOrConfiguration
        }
        // Every pair that can be compared is; the others are said, and make the exit status 2.
        var results: [(Comparison, Outcome)] = []
        var failures: [(label: String, error: String)] = []
        for comparison in comparisons {
            do {
                results.append((comparison, try compare(comparison)))
            } catch {
                environment.errors.writeLine("argo-connectors: diff: \(comparison.label.isEmpty ? "" : comparison.label + ": ")\(error)")
                failures.append((comparison.label, "\(error)"))
            }
        }
        let equal = failures.isEmpty && results.allSatisfy { $0.1.isEqual }
        if asJSON {
            environment.output.writeLine(JSONWriter.serialize(.object([
                ("equal", failures.isEmpty ? .bool(equal) : .null),
                ("comparisons", .array(results.map { $0.1.json(label: $0.0.label) })),
                ("errors", .array(failures.map { .object([("label", .string($0.label)), ("error", .string($0.error))]) })),
            ])))
        } else {
            for (comparison, outcome) in results { outcome.report(label: comparison.label, to: environment.output) }
            if !failures.isEmpty { environment.output.writeLine("\(failures.count) comparison\(failures.count == 1 ? "" : "s") could not be made: \(failures.map(\.label).joined(separator: ", "))") }
        }
        if !failures.isEmpty { return .usageOrConfiguration }
        return equal ? .success : .runtimeFailure
    }

    // MARK: what is compared

    /// One pair of sources: files, or a file and the WEB-API's day.
    struct Comparison {
        let label: String
        let a: Source
        let b: Source
        /// Why B holds nothing for the day (the WEB-API does not hold it), when so.
        var bAbsent: String?
    }

    /// Records from a file or a WEB-API answer, visited one at a time (twice at most).
    struct Source {
        let name: String
        let visit: ((Int, JSONValue) throws -> Void) throws -> Void

        static func file(_ path: String) -> Source {
            Source(name: path) { body in
                do {
                    try read(path, body)
                } catch let problem as RecordProblem {
                    throw problem
                } catch {
                    throw RecordProblem(description: "\(path): \(error)")
                }
            }
        }

        private static func read(_ path: String, _ body: (Int, JSONValue) throws -> Void) throws {
            var bytes = try LocalFiles.read(path, limit: LocalFiles.SizeLimit.data)
            if bytes.starts(with: [0x1F, 0x8B]) { bytes = try Deflate.gunzip(bytes, limit: HTTPSettings.maxDocumentBytes) }
            if let first = bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }), first == UInt8(ascii: "[") {
                var index = 0
                _ = try JSONParser.parse(bytes, handingOver: [[.anyElement]]) { _, value, _ in
                    try body(index, value)
                    index += 1
                }
                return
            }
            guard bytes.starts(with: Array("Obj".utf8) + [1]) else {
                let first = bytes.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
                throw RecordProblem(description: first == UInt8(ascii: "{")
                    ? "\(path): a JSON object, not a list of records (the outputs are JSON arrays or Avro files)"
                    : "\(path): neither an Avro object container file nor a JSON list of records")
            }
            let reader = try AvroContainerReader(bytes: bytes)
            var index = 0
            try reader.forEachRecord { record in
                try body(index, AvroJSONRenderer.json(record, schema: reader.schema.schema))
                index += 1
            }
        }

        static func records(_ name: String, _ records: [JSONValue]) -> Source {
            Source(name: name) { body in for (index, record) in records.enumerated() { try body(index, record) } }
        }

        /// The records of one or more files as one list, each distinct
        /// record once: what the WEB-API sink posts for a customer's jobs.
        static func published(_ paths: [String]) -> Source {
            let sources = paths.map(file)
            return Source(name: paths.joined(separator: " + ")) { body in
                var seen: Set<String> = []
                var index = 0
                for source in sources {
                    try source.visit { _, record in
                        guard seen.insert(WebAPIRecordForm.canonical(record)).inserted else { return }
                        try body(index, record)
                        index += 1
                    }
                }
            }
        }

        /// The same records, each passed through `transform`.
        func mapped(_ transform: @escaping (JSONValue) -> JSONValue) -> Source {
            let visit = self.visit
            return Source(name: name) { body in try visit { index, record in try body(index, transform(record)) } }
        }
    }

    private static func plan(_ arguments: ParsedArguments, environment: RunEnvironment) throws -> [Comparison] {
        let files = arguments.positionals
        guard let data = try arguments.value(kind) else {
            guard files.count == 2 else {
                throw UsageError(message: "diff takes two files, or -c/-g with --kind and --from/--to or --date --webapi", command: arguments.command)
            }
            return [Comparison(label: "", a: .file(files[0]), b: .file(files[1]))]
        }
        guard files.isEmpty else { throw UsageError(message: "diff takes either two files or --kind, not both", command: arguments.command) }
        let (configuration, log) = CommonOptions.load(try CommonOptions.paths(arguments, variables: environment.variables))
        guard let configuration else { throw ConfigurationProblem(lines: log.errors.map(\.description)) }
        let only = try arguments.value(customer), onlyJob = try arguments.value(job)
        var customers = configuration.customers.customers.filter { only == nil || $0.name == only }
        if let only, customers.isEmpty { throw UsageError(message: "no customer is named \(only)", command: arguments.command) }
        if let onlyJob {
            customers = customers.compactMap { customer in
                var kept = customer
                kept.jobs = customer.jobs.filter { $0.section == onlyJob || $0.dirname == onlyJob }
                return kept.jobs.isEmpty ? nil : kept
            }
            if customers.isEmpty { throw UsageError(message: "no job is named \(onlyJob)", command: arguments.command) }
        }
        if arguments[webAPI] {
            guard let date = try arguments.value(day) else { throw UsageError(message: "--webapi needs --date", command: arguments.command) }
            guard data != .metricProfiles else { throw UsageError(message: "--webapi compares topology, downtimes and weights (metric profiles are the WEB-API's own)", command: arguments.command) }
            return try webAPIComparisons(data, date: date, customers: customers, configuration: configuration, environment: environment)
        }
        guard let first = try arguments.value(from), let second = try arguments.value(to) else {
            throw UsageError(message: "--kind needs --from and --to (or --date with --webapi)", command: arguments.command)
        }
        return units(data, customers: customers, configuration: configuration).flatMap { unit, directory in
            data.outputs.map { output in
                Comparison(label: "\(unit) \(output.rawValue)", a: .file("\(directory)/\(fileName(output, date: first, configuration))"),
                           b: .file("\(directory)/\(fileName(output, date: second, configuration))"))
            }
        }
    }

    /// Where a kind's files are, as the runs put them: per job, or per
    /// tenant for what 2.3.1 writes once per tenant; only the jobs and
    /// tenants a connector of that kind has a feed for (a tenant without a
    /// downtimes source has no downtimes file). Label and folder.
    private static func units(_ data: DataKind, customers: [CustomerConfig], configuration: Configuration) -> [(String, String)] {
        let date = RunDate(year: 2000, month: 1, day: 1)  // neither folders nor feeds depend on the day
        let context = ConnectorContext.offline(configuration)
        return customers.flatMap { customer -> [(String, String)] in
            let work = ConnectorCatalogue.work(for: customer, context: context).filter { $0.connector.data == data }
            guard !work.isEmpty else { return [] }
            let perCustomer = work.contains { $0.connector.perCustomerIn.contains(customer.generation) }
            let withFeeds = Set(work.flatMap { $0.jobs.map(\.section) })
            let targets = perCustomer ? [JobTarget(wholeCustomer: customer, date: date)]
                : customer.jobs.filter { withFeeds.contains($0.section) }.map { JobTarget(customer: customer, job: $0, date: date) }
            return targets.map { ($0.isCustomerWide ? customer.name : "\(customer.name)/\($0.job.dirname)", $0.outputDirectory) }
        }
    }

    /// The file a run of `date` wrote for `output`: the Avro file (1.7 with WriteAvro), else the JSON file.
    private static func fileName(_ output: OutputKind, date: RunDate, _ configuration: Configuration) -> String {
        let global = configuration.global
        let name = global.outputFileName(output, date: date)
        return global.generation == .egi17 && global.writeAvro ? name : global.jsonFileNaming.fileName(of: name)
    }

    /// The day's files against the WEB-API's day, as `WebAPISink` published
    /// them: topology and downtimes are one WEB-API day per customer (the
    /// union of its jobs' records), weights one resource per job (report).
    /// Both sides as the WEB-API keeps records (`WebAPIRecordForm`): its
    /// `date`, field order and `omitempty` leavings are no difference.
    private static func webAPIComparisons(_ data: DataKind, date: RunDate, customers: [CustomerConfig], configuration: Configuration,
                                          environment: RunEnvironment) throws -> [Comparison] {
        let global = configuration.global
        let settings = HTTPSettings(connection: global.connection, authentication: global.authentication, userAgent: Application.userAgent)
        let http = HTTPClient(settings: settings, logger: Logger(label: "diff"), cancellation: environment.cancellation, clock: environment.clock)
        var comparisons: [Comparison] = []
        for customer in customers {
            guard let destination = WebAPIDestination(customer.webAPI) else {
                throw ConfigurationProblem(lines: ["[\(customer.section)] has no WEB-API Host and Token to compare with"])
            }
            let client = WebAPIClient(destination, http: http)
            let units = units(data, customers: [customer], configuration: configuration)
            if units.isEmpty { continue }
            for output in data.outputs {
                let resource = WebAPIResource(output) ?? .weights
                let files = units.map { "\($0.1)/\(fileName(output, date: date, configuration))" }
                if resource.isPerCustomer {
                    let (records, absent) = try webAPIDay(resource, date: date, client: client)
                    comparisons.append(Comparison(label: "\(customer.name) \(output.rawValue)", a: Source.published(files).mapped(WebAPIRecordForm.normalized),
                                                  b: .records(client.displayURL(resource, date: date), records), bAbsent: absent))
                } else {
                    let held = try client.weights(date: date)
                    for ((unit, _), file) in zip(units, files) {
                        let report = String(unit.split(separator: "/").last ?? "")
                        let (records, absent) = webAPIWeights(held.first { $0.name == report }, report: report, date: date)
                        comparisons.append(Comparison(label: "\(unit) \(output.rawValue)", a: .published([file]),
                                                      b: .records(client.displayURL(resource, date: date), records), bAbsent: absent))
                    }
                }
            }
        }
        return comparisons
    }

    /// The WEB-API's records of the day, normalised; or why it holds none.
    private static func webAPIDay(_ resource: WebAPIResource, date: RunDate, client: WebAPIClient) throws -> ([JSONValue], String?) {
        switch try client.day(resource, date: date) {
        case .held(let records):
            return (records.map(WebAPIRecordForm.normalized), nil)
        case .notHeld(let earlier):
            return ([], "the WEB-API holds no \(resource.rawValue) for \(date)" + (earlier.map { " (a GET answers with \($0)'s)" } ?? ""))
        }
    }

    /// A weights resource's version of the day as the files' records
    /// (`{"type", "site", "weight"}`); or why the WEB-API holds none.
    private static func webAPIWeights(_ held: WebAPIClient.Weights?, report: String, date: RunDate) -> ([JSONValue], String?) {
        guard let held else { return ([], "the WEB-API holds no weights named \(report)") }
        guard held.date == date.description else {
            return ([], "the WEB-API holds no weights of \(report) for \(date) (its latest earlier version is of \(held.date))")
        }
        let type = held.entry["weight_type"] ?? .string("")
        return ((held.entry["groups"]?.arrayValue ?? []).map { group in
            .object([("type", type), ("site", group["name"] ?? .string("")), ("weight", group["value"] ?? .null)])
        }, nil)
    }

    /// A source that holds something else than one kind of records (named in the message).
    struct RecordProblem: Error, CustomStringConvertible {
        let description: String
    }

    struct ConfigurationProblem: Error, CustomStringConvertible {
        let lines: [String]
        var description: String { lines.joined(separator: "\n") }
    }

    // MARK: comparing

    struct Outcome {
        let kind: RecordKind?
        let a: (name: String, count: Int)
        let b: (name: String, count: Int)
        let match: RecordMatch
        let added: [JSONValue]
        let removed: [JSONValue]
        let changed: [(key: String, identity: JSONValue, changes: [(field: String, old: JSONValue?, new: JSONValue?)])]
        /// Why B holds nothing (a day the WEB-API does not hold).
        var bAbsent: String?

        /// Equal records; a day the WEB-API does not hold equals only a day of no records.
        var isEqual: Bool { match.isEqual && (bAbsent == nil || a.count == 0) }

        func report(label: String, to output: any TextOutput) {
            let what = kind?.rawValue ?? "records"
            output.writeLine("== \(label.isEmpty ? "" : label + ": ")\(a.name) (\(a.count) records) → \(b.name) (\(b.count) records)")
            if let bAbsent { output.writeLine("! \(bAbsent)") }
            for record in added { output.writeLine("+ \(JSONWriter.serialize(record))") }
            // A day that is not there at all is said once, not as every record of A.
            for record in removed where bAbsent == nil { output.writeLine("- \(JSONWriter.serialize(record))") }
            let show = { (value: JSONValue?) in value.map { JSONWriter.serialize($0) } ?? "(none)" }
            for (key, _, changes) in changed {
                output.writeLine("~ \(key): " + changes.map { "\($0.field): \(show($0.old)) → \(show($0.new))" }.joined(separator: "; "))
            }
            output.writeLine("\(what): \(added.count) added, \(removed.count) removed, \(changed.count) changed, \(match.unchanged) unchanged")
        }

        func json(label: String) -> JSONValue {
            .object([
                ("label", .string(label)), ("kind", kind.map { .string($0.rawValue) } ?? .null),
                ("a", .object([("source", .string(a.name)), ("records", .number("\(a.count)"))])),
                ("b", .object([("source", .string(b.name)), ("records", .number("\(b.count)"))])),
                ("added", .array(added)), ("removed", .array(removed)),
                // The key as the record's identity fields; values as they are (a field one side lacks: null).
                ("changed", .array(changed.map { _, identity, changes in
                    .object([("key", identity), ("changes", .array(changes.map {
                        .object([("field", .string($0.field)), ("old", $0.old ?? .null), ("new", $0.new ?? .null)])
                    }))])
                })),
                ("unchanged", .number("\(match.unchanged)")),
                ("absent", bAbsent.map(JSONValue.string) ?? .null),
            ])
        }
    }

    /// A's summaries; B matched record by record as it is read (keeping
    /// those that differ); then A's differing records read again in full.
    static func compare(_ comparison: Comparison) throws -> Outcome {
        var kind: RecordKind?
        func summarize(_ source: Source, _ index: Int, _ record: JSONValue) throws -> RecordSummary {
            guard let found = RecordKind.of(record) else {
                throw RecordProblem(description: "\(source.name): record \(index) is no ARGO record (\(JSONWriter.serialize(record).prefix(80)))")
            }
            if let known = kind, known != found {
                throw RecordProblem(description: "\(source.name): record \(index) is \(found.rawValue), not \(known.rawValue): compare outputs of one kind")
            }
            kind = found
            return RecordSummary(record, kind: found)
        }
        var a: [RecordSummary] = []
        try comparison.a.visit { index, record in a.append(try summarize(comparison.a, index, record)) }
        var match = RecordMatch(a: a)
        var fromB: [Int: JSONValue] = [:]
        var countB = 0
        try comparison.b.visit { index, record in
            countB += 1
            if match.match(try summarize(comparison.b, index, record), at: index) != .unchanged { fromB[index] = record }
        }
        match.finish()
        let wanted = Set(match.removed + match.changed.map(\.a))
        var fromA: [Int: JSONValue] = [:]
        if !wanted.isEmpty {
            try comparison.a.visit { index, record in if wanted.contains(index) { fromA[index] = record } }
        }
        let changed = match.changed.compactMap { pair -> (String, JSONValue, [(field: String, old: JSONValue?, new: JSONValue?)])? in
            guard let kind, let old = fromA[pair.a], let new = fromB[pair.b] else { return nil }
            let identity = JSONValue.object(kind.identity.map { ($0, kind.normalized(old)[$0] ?? .null) })
            return (a[pair.a].key, identity, FieldChanges.values(old, new, kind: kind))
        }
        return Outcome(kind: kind, a: (comparison.a.name, a.count), b: (comparison.b.name, countB), match: match,
                       added: match.added.compactMap { fromB[$0] }, removed: match.removed.compactMap { fromA[$0] }, changed: changed,
                       bAbsent: comparison.bAbsent)
    }
}
