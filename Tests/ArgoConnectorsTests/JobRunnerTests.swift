import Synchronization
import XCTest
import ArgoConnectors
import ArgoModel
import ArgoSystem
import ArgoTestSupport

/// A connector whose feed is the job's `WeightsFeed`: one naming "broken" fails, any
/// other name gives two weights named after it, after `delays[name]` seconds.
final class FakeConnector: Connector {
    static let descriptor = ConnectorDescriptor(data: .weights, source: .vapor, scriptNames: [], summary: "fake", details: "")
    let delays: [String: Double]
    private let fetched = Mutex<[String]>([])

    init(delays: [String: Double] = [:]) {
        self.delays = delays
    }

    convenience init(context: ConnectorContext) {
        self.init()
    }

    var fetches: [String] { fetched.withLock { $0 } }

    func feed(for customer: CustomerConfig, job: JobConfig) -> String? { job.options.text(.weightsFeed) }
    func describe(_ feed: String) -> String { "fake://\(feed)" }

    func fetch(_ feed: String) throws -> [WeightRecord] {
        fetched.withLock { $0.append(feed) }
        if let delay = delays[feed] { SystemClock().sleep(delay, cancellation: Cancellation()) }
        if feed.contains("broken") { throw FeedError(kind: .transport, url: "fake://broken", reason: "connection refused") }
        return [WeightRecord(site: "\(feed)-1", weight: "1"), WeightRecord(site: "\(feed)-2", weight: "2")]
    }

    func produce(_ data: [WeightRecord], for target: JobTarget) throws -> JobProduct {
        JobProduct(recordSets: [RecordSet(data)], summary: "\(data.count) weights")
    }
}

/// Keeps what it is given; refuses the jobs whose Dirname is in `refusing`.
final class RecordingSink: Sink {
    struct Delivery: Equatable {
        let report: String
        let kind: OutputKind
        let sites: [String]
    }

    let name: String
    let refusing: Set<String>
    private let received = Mutex<[Delivery]>([])

    init(name: String = "recording", refusing: Set<String> = []) {
        self.name = name
        self.refusing = refusing
    }

    var deliveries: [Delivery] { received.withLock { $0 } }

    func plan(_ batch: OutputBatch, for target: JobTarget) -> String? { "would keep \(batch.count)" }

    func deliver(_ batches: [OutputBatch], for target: JobTarget) throws -> [OutputKind: String] {
        var delivered: [OutputKind: String] = [:]
        for batch in batches { delivered[batch.kind] = try deliverOne(batch, report: target.job.dirname) }
        return delivered
    }

    private func deliverOne(_ batch: OutputBatch, report: String) throws -> String {
        if refusing.contains(report) { throw OutputError("\(report)/\(batch.kind.rawValue)", "refused by the test") }
        let sites = (0..<batch.count).map { index -> String in
            guard case .record(let fields) = batch.record(index), case .string(let site) = fields[1] else { return "?" }
            return site
        }
        received.withLock { $0.append(Delivery(report: report, kind: batch.kind, sites: sites)) }
        return "kept"
    }
}

final class JobRunnerTests: XCTestCase {
    /// Jobs (section, feed or nil) of one customer, loaded from memory.
    private func configuration(_ jobs: [(String, String?)]) throws -> Configuration {
        let schema = try LocalFiles.read(Paths.schemas + "/weight_sites.avsc")
        let global = "[General]\nWriteAvro = True\n[AvroSchemas]\n"
            + OutputKind.fileOutputs.map { "\($0.rawValue) = /mem/weights.avsc" }.joined(separator: "\n")
            + "\n[Output]\n" + OutputKind.fileOutputs.map { "\($0.rawValue) = \($0.rawValue)_DATE.avro" }.joined(separator: "\n") + "\n"
        let customer = "[CUSTOMER_C]\nName = C\nOutputDir = /mem/out\nJobs = \(jobs.map(\.0).joined(separator: ", "))\n"
            + jobs.map { "[\($0.0)]\nDirname = \($0.0)\n" + ($0.1.map { "WeightsFeed = http://\($0)/\n" } ?? "") }.joined()
        let files = MemoryFiles(files: ["/mem/global.conf": Array(global.utf8), "/mem/customer.conf": Array(customer.utf8),
                                        "/mem/weights.avsc": schema])
        let (loaded, log) = Configuration.load(globalPath: "/mem/global.conf", customerPath: "/mem/customer.conf", sources: ConnectorCatalogue.declarations, files: files)
        return try XCTUnwrap(loaded, "\(log.entries)")
    }

    private func runner(_ configuration: Configuration, sinks: [Sink], parallel: Int = 4) -> JobRunner {
        JobRunner(configuration: configuration, date: RunDate(year: 2026, month: 11, day: 28), sinks: sinks,
                  logger: quietLogger, cancellation: Cancellation(), parallelFetches: parallel)
    }

    func testJobsOnOneFeedShareAFetchAndAFailedFeedFailsOnlyItsJobs() throws {
        let config = try configuration([("JOB_A", "f1"), ("JOB_B", "f1"), ("JOB_C", "broken"), ("JOB_D", nil), ("JOB_E", "f2")])
        let connector = FakeConnector()
        let sink = RecordingSink()
        let outcome = runner(config, sinks: [sink]).run(connector)
        XCTAssertEqual(connector.fetches.sorted(), ["http://broken/", "http://f1/", "http://f2/"], "one fetch per distinct feed")
        XCTAssertEqual(outcome.jobs.map(\.target.job.section), ["JOB_A", "JOB_B", "JOB_C", "JOB_E"], "JOB_D has nothing to fetch")
        XCTAssertEqual(outcome.jobs.map(\.succeeded), [true, true, false, true])
        XCTAssertFalse(outcome.succeeded)
        XCTAssertEqual(sink.deliveries, [
            .init(report: "JOB_A", kind: .weights, sites: ["http://f1/-1", "http://f1/-2"]),
            .init(report: "JOB_B", kind: .weights, sites: ["http://f1/-1", "http://f1/-2"]),
            .init(report: "JOB_E", kind: .weights, sites: ["http://f2/-1", "http://f2/-2"]),
        ])
    }

    func testASinkThatFailsFailsItsJobWhileTheOtherSinksAndJobsDeliver() throws {
        let config = try configuration([("JOB_A", "f1"), ("JOB_B", "f1")])
        let refusing = RecordingSink(name: "first", refusing: ["JOB_A"])
        let second = RecordingSink(name: "second")
        let outcome = runner(config, sinks: [refusing, second]).run(FakeConnector())
        XCTAssertEqual(outcome.jobs.map(\.succeeded), [false, true])
        XCTAssertEqual(refusing.deliveries.map(\.report), ["JOB_B"])
        XCTAssertEqual(second.deliveries.map(\.report), ["JOB_A", "JOB_B"], "a failing sink does not stop the others")
    }

    func testJobsAreDeliveredInConfigurationOrderHoweverFetchesFinish() throws {
        // The first feed is the slowest: fetched concurrently, it finishes last.
        let feeds = ["f1", "f2", "f3", "f4"]
        let config = try configuration(feeds.enumerated().map { ("JOB_\($0.offset)", $0.element) })
        let connector = FakeConnector(delays: ["http://f1/": 0.4, "http://f2/": 0.2])
        let sink = RecordingSink()
        let outcome = runner(config, sinks: [sink], parallel: 4).run(connector)
        XCTAssertTrue(outcome.succeeded)
        XCTAssertEqual(sink.deliveries.map(\.report), ["JOB_0", "JOB_1", "JOB_2", "JOB_3"])
        XCTAssertEqual(connector.fetches.count, 4)
    }
}
