import ArgoModel
import ArgoSystem

/// GOCDB downtimes → `Downtimes`: scheduled outages overlapping the day.
package struct DowntimesConnector: Connector {
    package static let descriptor = ConnectorDescriptor(
        data: .downtimes, source: .gocdb, scriptNames: ["downtimes-gocdb-connector.py"],
        summary: "fetch GOCDB scheduled downtimes for a day",
        details: "Writes Downtimes for every job: scheduled outages overlapping the day, clipped to it.",
        jobOptions: ["DowntimesFeed"], requiresDate: true)
    private let client: GocdbClient
    private let date: RunDate

    package init(http: HTTPClient, date: RunDate) {
        client = GocdbClient(http: http)
        self.date = date
    }

    package init(context: ConnectorContext) {
        self.init(http: context.http, date: context.date)
    }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> GocdbEndpoint? {
        GocdbEndpoint(feed: job.downtimesFeed, authentication: customer.authentication)
    }

    package func describe(_ feed: GocdbEndpoint) -> String { RedactedURL.display(feed.base) }

    /// The day's downtimes, and the entities left out for a missing field.
    package struct Downtimes: Sendable {
        var records: [DowntimeRecord]
        var skipped: SkippedEntities
    }

    package func fetch(_ feed: GocdbEndpoint) throws -> Downtimes {
        let day = date.description
        let list = GocdbEntityList<DowntimeField>()
        try client.fetch(.getDowntime, from: feed, scope: nil, paging: false,
                         parameters: [("windowstart", day), ("windowend", day)], into: list)
        var skipped = SkippedEntities()
        let records = Self.records(from: list.entities, on: date, skipped: &skipped)
        return Downtimes(records: records, skipped: skipped)
    }

    static func records(from entities: [GocdbEntity<DowntimeField>], on date: RunDate) -> [DowntimeRecord] {
        var skipped = SkippedEntities()
        return records(from: entities, on: date, skipped: &skipped)
    }

    /// Keeps SCHEDULED OUTAGEs that overlap the day, clamped to 00:00–23:59;
    /// counts the ones that lack a host, a service or readable dates.
    static func records(from entities: [GocdbEntity<DowntimeField>], on date: RunDate, skipped: inout SkippedEntities) -> [DowntimeRecord] {
        let dayStart = "\(date) 00:00"
        let dayEnd = "\(date) 23:59"
        var seen = Set<DowntimeRecord>()
        var records: [DowntimeRecord] = []
        for entity in entities {
            guard entity.attribute("CLASSIFICATION")?.uppercased() == "SCHEDULED",
                  entity[.severity]?.uppercased() == "OUTAGE" else { continue }
            guard let hostname = entity[.hostname] else { skipped.add("DOWNTIME without HOSTNAME"); continue }
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
        return records.sorted(by: DowntimeRecord.ordered)
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
