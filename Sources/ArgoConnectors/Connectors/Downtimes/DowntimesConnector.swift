import ArgoModel
import ArgoSystem

/// GOCDB downtimes → `Downtimes`: scheduled outages overlapping the day,
/// for both generations: per job from a 1.7 job's `DowntimesFeed` (records
/// sorted), once per 2.3.1 tenant from its customer-level `DowntimesFeed`
/// with `TopoScope` and `TopoUIDServiceEndpoints` (records in GOCDB's order;
/// `DowntimesEmpty` fetches nothing and delivers no downtimes).
package struct DowntimesConnector: Connector {
    package static let descriptor = ConnectorDescriptor(
        data: .downtimes, source: .gocdb, scriptNames: ["downtimes-gocdb-connector.py"],
        summary: "fetch GOCDB scheduled downtimes for a day",
        details: "Writes Downtimes for every job (once per 2.3.1 tenant): scheduled outages overlapping the day, clipped to it.",
        requiresDate: true, generations: [.egi17, .argo231], perCustomerIn: [.argo231],
        topoTypes: [.gocdb], options: [.jobDowntimesFeed, .downtimesFeed, .downtimesEmpty, .topoScope, .topoUIDServiceEndpoints])

    /// What to ask GOCDB: nil endpoint for `DowntimesEmpty`.
    package struct Feed: Hashable, Sendable {
        let endpoint: GocdbEndpoint?
        /// Extra parameters (2.3.1's `TopoScope`).
        let parameters: [String]
        /// 2.3.1: hostnames as `<HOSTNAME>_<PRIMARY_KEY>`.
        let uidHostnames: Bool
        /// 2.3.1: records in GOCDB's order (1.7: sorted).
        let inFeedOrder: Bool
    }
    private let client: GocdbClient
    private let date: RunDate

    init(http: any FeedTransport, date: RunDate) {
        client = GocdbClient(http: http)
        self.date = date
    }

    package init(context: ConnectorContext) {
        self.init(http: context.http, date: context.date)
    }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> Feed? {
        guard let tenant = customer.tenant else {
            return Feed(endpoint: GocdbEndpoint(feed: job.options.text(.jobDowntimesFeed), authentication: customer.authentication),
                        parameters: [], uidHostnames: false, inFeedOrder: false)
        }
        let given = tenant.options
        if given.flag(.downtimesEmpty) { return Feed(endpoint: nil, parameters: [], uidHostnames: false, inFeedOrder: true) }
        // A tenant without DowntimesFeed (nor DowntimesEmpty) has no downtimes to deliver.
        guard let url = given.text(.downtimesFeed) else { return nil }
        // As 2.3.1: `&scope=<TopoScope>`, unless TopoScope holds `&scope=` itself.
        let scope = given.text(.topoScope).map { $0.contains("&scope=") ? $0 : "&scope=\($0)" }
        return Feed(endpoint: GocdbEndpoint(requestURL: url, authentication: customer.authentication),
                    parameters: scope.map { [$0] } ?? [], uidHostnames: given.flag(.topoUIDServiceEndpoints), inFeedOrder: true)
    }

    package func describe(_ feed: Feed) -> String { feed.endpoint.map { RedactedURL.display($0.base) } ?? "no downtimes feed (DowntimesEmpty)" }

    /// The day's downtimes, and the entities left out for a missing field.
    package struct Downtimes: Sendable {
        var records: [DowntimeRecord]
        var skipped: SkippedEntities
    }

    package func fetch(_ feed: Feed) throws -> Downtimes {
        guard let endpoint = feed.endpoint else { return Downtimes(records: [], skipped: SkippedEntities()) }
        let day = date.description
        let list = GocdbEntityList<DowntimeField>()
        try client.fetch(.getDowntime, from: endpoint, scope: nil, paging: false,
                         parameters: feed.parameters.map { ("", $0) } + [("windowstart", day), ("windowend", day)], into: list)
        var skipped = SkippedEntities()
        let records = Self.records(from: list.entities, on: date, skipped: &skipped, uidHostnames: feed.uidHostnames, inFeedOrder: feed.inFeedOrder)
        return Downtimes(records: records, skipped: skipped)
    }

    static func records(from entities: [GocdbEntity<DowntimeField>], on date: RunDate) -> [DowntimeRecord] {
        var skipped = SkippedEntities()
        return records(from: entities, on: date, skipped: &skipped)
    }

    /// Keeps SCHEDULED OUTAGEs that overlap the day, clamped to 00:00–23:59;
    /// counts the ones that lack a host, a service or readable dates.
    static func records(from entities: [GocdbEntity<DowntimeField>], on date: RunDate, skipped: inout SkippedEntities,
                        uidHostnames: Bool = false, inFeedOrder: Bool = false) -> [DowntimeRecord] {
        let dayStart = "\(date) 00:00"
        let dayEnd = "\(date) 23:59"
        var seen = Set<DowntimeRecord>()
        var records: [DowntimeRecord] = []
        for entity in entities {
            guard entity.attribute("CLASSIFICATION")?.uppercased() == "SCHEDULED",
                  entity[.severity]?.uppercased() == "OUTAGE" else { continue }
            guard var hostname = entity[.hostname] else { skipped.add("DOWNTIME without HOSTNAME"); continue }
            if uidHostnames {
                guard let key = entity[.primaryKey] ?? entity.attribute("PRIMARY_KEY") else { skipped.add("DOWNTIME without PRIMARY_KEY"); continue }
                hostname += "_\(key)"
            }
            guard let service = entity[.serviceType] else { skipped.add("DOWNTIME without SERVICE_TYPE"); continue }
            guard let start = entity[.formattedStartDate].flatMap(normalizedTimestamp),
                  let end = entity[.formattedEndDate].flatMap(normalizedTimestamp) else {
                skipped.add("DOWNTIME without a FORMATED_START_DATE and FORMATED_END_DATE of the form YYYY-MM-DD HH:MM")
                continue
            }
            guard start <= dayEnd, end >= dayStart else { continue }
            let record = DowntimeRecord(hostname: hostname, service: service,
                                        startTime: isoTimestamp(max(start, dayStart)), endTime: isoTimestamp(min(end, dayEnd)))
            if seen.insert(record).inserted {
                records.append(record)
            }
        }
        return inFeedOrder ? records : records.sorted(by: DowntimeRecord.ordered)
    }

    /// Checks `YYYY-MM-DD HH:MM` (so string order is time order).
    static func normalizedTimestamp(_ text: String) -> String? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, RunDate(parsing: String(parts[0])) != nil else { return nil }
        let clock = parts[1].split(separator: ":")
        guard clock.count == 2, clock.allSatisfy({ $0.count == 2 }), let hour = Int(clock[0]), let minute = Int(clock[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return text
    }

    /// `YYYY-MM-DD HH:MM` → `YYYY-MM-DDTHH:MM:00Z`.
    static func isoTimestamp(_ text: String) -> String {
        text.replacing(" ", with: "T") + ":00Z"
    }

    package func produce(_ data: Downtimes, for target: JobTarget) throws -> JobProduct {
        JobProduct(recordSets: [RecordSet(data.records)],
                   summary: "Fetched Downtimes:\(data.records.count) for \(date)", warnings: data.skipped.warnings)
    }
}

extension SourceOption {
    /// A 1.7 job's GOCDB downtimes feed.
    package static let jobDowntimesFeed = SourceOption("DowntimesFeed", at: .job, [.egi17], address: .feed([.downtimes]), default: GocdbEndpoint.defaultBase,
                                               stops: .downtimes)
}
