import Foundation

/// A downtime clipped to the run's day.
public struct DowntimeRecord: Equatable {
    public var hostname: String
    public var service: String
    public var startTime: String
    public var endTime: String

    static let fieldNames = ["hostname", "service", "start_time", "end_time"]
    var avroFields: [AvroValue] { [.string(hostname), .string(service), .string(startTime), .string(endTime)] }

    static func ordered(_ a: Self, _ b: Self) -> Bool {
        ByteOrder.less([a.hostname, a.service, a.startTime, a.endTime], [b.hostname, b.service, b.startTime, b.endTime])
    }
}

/// GOCDB downtimes → `Downtimes`: scheduled outages overlapping the day.
public final class DowntimesConnector: Connector {
    public let name = "downtimes"
    private let client: GocdbClient
    private let date: RunDate

    public init(http: HttpClient, date: RunDate) {
        client = GocdbClient(http: http)
        self.date = date
    }

    public func feed(for customer: CustomerConfig, job: JobConfig) -> GocdbEndpoint? {
        GocdbEndpoint(feed: job.downtimesFeed, authentication: customer.authentication)
    }

    public func describe(_ feed: GocdbEndpoint) -> String { RedactedURL.display(feed.base) }

    public func fetch(_ feed: GocdbEndpoint) throws -> [DowntimeRecord] {
        let day = date.description
        let list = GocdbEntityList()
        try client.fetch(.getDowntime, from: feed, scope: nil, paging: false,
                         parameters: [("windowstart", day), ("windowend", day)], into: list)
        return Self.records(from: list.entities, on: date)
    }

    /// Keeps SCHEDULED OUTAGEs that overlap the day, clamped to 00:00–23:59.
    static func records(from entities: [GocdbEntity], on date: RunDate) -> [DowntimeRecord] {
        let dayStart = "\(date) 00:00"
        let dayEnd = "\(date) 23:59"
        var seen = Set<[String]>()
        var records: [DowntimeRecord] = []
        for entity in entities {
            guard entity.attribute("CLASSIFICATION")?.uppercased() == "SCHEDULED",
                  entity.fields[3]?.uppercased() == "OUTAGE",
                  let hostname = entity.fields[1], let service = entity.fields[2],
                  let start = entity.fields[4].flatMap(normalizedTimestamp),
                  let end = entity.fields[5].flatMap(normalizedTimestamp),
                  start <= dayEnd, end >= dayStart
            else { continue }
            let record = DowntimeRecord(hostname: hostname, service: service,
                                        startTime: isoTimestamp(max(start, dayStart)), endTime: isoTimestamp(min(end, dayEnd)))
            if seen.insert([record.hostname, record.service, record.startTime, record.endTime]).inserted {
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
        text.replacingOccurrences(of: " ", with: "T") + ":00Z"
    }

    public func produce(_ data: [DowntimeRecord], for target: JobTarget) throws -> JobProduct {
        JobProduct(recordSets: [RecordSet(kind: .downtimes, fieldNames: DowntimeRecord.fieldNames, rows: data.map(\.avroFields))],
                   summary: "Fetched Downtimes:\(data.count) for \(date)")
    }
}
