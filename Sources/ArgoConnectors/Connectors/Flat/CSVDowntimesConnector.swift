import ArgoModel
import ArgoSystem

/// 2.3.1's `downtimes-csv-connector.py`: a tenant's downtimes from a CSV
/// (`DowntimesFeed`; ../shared/spec/argo-connectors-2.3.1.md, 5.8): rows
/// with a `unique_id` and Severity `OUTAGE` whose days hold the day, clipped
/// to it, hostnames `<host>[_<unique_id>]`. `DowntimesEmpty` fetches nothing.
package struct CSVDowntimesConnector: Connector {
    package static let descriptor = ConnectorDescriptor(
        data: .downtimes, source: .csv, scriptNames: ["downtimes-csv-connector.py"],
        summary: "fetch 2.3.1 tenants' downtimes from a CSV feed for a day",
        details: "Writes downtimes once per 2.3.1 tenant: OUTAGE rows (DowntimesFeed) overlapping the day, clipped to it.",
        requiresDate: true, generations: [.argo231], perCustomerIn: [.argo231], topoTypes: [.csv, .json],
        options: [.downtimesFeed, .downtimesEmpty, .topoUIDServiceEndpoints])

    /// The CSV to read: nil for `DowntimesEmpty`.
    package struct Feed: Hashable, Sendable {
        let feed: FlatFeed?
        let uidHostnames: Bool
    }

    static let columns = ["unique_id", "url", "start_time", "end_time", "service_type", "Severity"]

    private let http: any FeedTransport
    private let date: RunDate

    package init(context: ConnectorContext) {
        http = context.http
        date = context.date
    }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> Feed? {
        guard let tenant = customer.tenant else { return nil }
        if tenant.options.flag(.downtimesEmpty) { return Feed(feed: nil, uidHostnames: false) }
        guard let url = tenant.options.text(.downtimesFeed) else { return nil }
        return Feed(feed: FlatFeed(url, format: .csv), uidHostnames: tenant.options.flag(.topoUIDServiceEndpoints))
    }

    package func describe(_ feed: Feed) -> String { feed.feed?.display ?? "no downtimes feed (DowntimesEmpty)" }

    /// The day's downtimes, and the rows left out for a URL without a host.
    package struct Downtimes: Sendable {
        var records: [DowntimeRecord] = []
        var skipped = SkippedEntities()
    }

    package func fetch(_ feed: Feed) throws -> Downtimes {
        guard let source = feed.feed else { return Downtimes() }
        let rows = try source.rows(with: http, columns: Self.columns)
        return try FeedError.reading(source.display) { try Self.downtimes(rows, on: date, uidHostnames: feed.uidHostnames) }
    }

    /// As GOCDB's: a row without what a record needs is left out and counted.
    static func downtimes(_ rows: FlatRows, on date: RunDate, uidHostnames: Bool) throws -> Downtimes {
        let dayStart = CSVTime(date: date, hour: 0, minute: 0), dayEnd = CSVTime(date: date, hour: 23, minute: 59)
        var skipped = SkippedEntities()
        let records = try rows.rows.compactMap { row -> DowntimeRecord? in
            let id = try row.text("unique_id")
            guard !id.isEmpty, try row.text("Severity") == "OUTAGE" else { return nil }
            let start = try CSVTime(parsing: try row.text("start_time"), at: row.location, column: "start_time")
            let end = try CSVTime(parsing: try row.text("end_time"), at: row.location, column: "end_time")
            guard start.date <= date, date <= end.date else { return nil }
            guard [id, try row.text("url"), try row.text("service_type")].allSatisfy(FlatRows.isNameText) else {
                skipped.add(FlatRows.badNameReason, at: row.location)
                return nil
            }
            guard let host = URLHost.of(try row.text("url")) else { skipped.add("downtime row whose url has no host"); return nil }
            return DowntimeRecord(hostname: uidHostnames ? "\(host)_\(id)" : host, service: try row.text("service_type"),
                                  startTime: max(start, dayStart).iso, endTime: min(end, dayEnd).iso)
        }
        return Downtimes(records: records, skipped: skipped)
    }

    package func produce(_ data: Downtimes, for target: JobTarget) throws -> JobProduct {
        JobProduct(recordSets: [RecordSet(data.records)], summary: "Fetched Downtimes:\(data.records.count) for \(date)", warnings: data.skipped.warnings)
    }
}

/// A time of 2.3.1's CSV downtimes, `M/D/YYYY H:MM` (strptime's `%m/%d/%Y %H:%M`).
struct CSVTime: Comparable {
    let date: RunDate
    let hour: Int, minute: Int

    init(date: RunDate, hour: Int, minute: Int) {
        (self.date, self.hour, self.minute) = (date, hour, minute)
    }

    init(parsing text: String, at location: String, column: String) throws {
        let bad = FormatError(.csv, "\(column) \"\(text.prefix(40))\" is not a time of the form MM/DD/YYYY HH:MM", at: location)
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { throw bad }
        let day = parts[0].split(separator: "/", omittingEmptySubsequences: false), clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard day.count == 3, clock.count == 2, day[0].count <= 2, day[1].count <= 2, day[2].count == 4,
              (day + clock).allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              clock.allSatisfy({ (1...2).contains($0.count) }),
              let month = Int(day[0]), let dayOfMonth = Int(day[1]), let year = Int(day[2]), let hour = Int(clock[0]), let minute = Int(clock[1]),
              (0..<24).contains(hour), (0..<60).contains(minute), (1...12).contains(month),
              (1...RunDate.daysIn(month: month, year: year)).contains(dayOfMonth) else { throw bad }
        self.init(date: RunDate(year: year, month: month, day: dayOfMonth), hour: hour, minute: minute)
    }

    /// `YYYY-MM-DDTHH:MM:00Z`.
    var iso: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(date)T\(two(hour)):\(two(minute)):00Z"
    }

    static func < (a: Self, b: Self) -> Bool { (a.date, a.hour, a.minute) < (b.date, b.hour, b.minute) }
}
