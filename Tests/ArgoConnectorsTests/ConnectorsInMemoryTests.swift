import Foundation
import XCTest
import ArgoConnectors
import ArgoModel
import ArgoSystem
import ArgoTestSupport

/// Every connector of the catalogue, called directly over an in-memory
/// transport (`MemoryTransport`): its feed found in the configuration,
/// fetched, and its records produced, compared with what argo-connectors
/// 2.3.1 wrote or sent for the conformance kit (Fixtures/gen2/expected).
/// No command line, no socket: the command line's own tests run them whole.
final class ConnectorsInMemoryTests: XCTestCase {
    private static let feed = "http://kit.example.org"

    /// The kit's feeds in memory: GOCDB under /gocdbpi/, the WEB-API under
    /// /api/ (holding the kit's service types the day before), the rest as
    /// the kit's feed server answered.
    private func kitTransport(gocdb: KitGocdb = KitGocdb.topology()) -> MemoryTransport {
        let feeds = KitFeeds()
        feeds.overrides["/static/vapor.json"] = .init(body: Paths.fixtureText("gen2/feed-vapor.json"), contentType: "application/json")
        feeds.overrides["/api/v2/metric_profiles"] = .init(body: Paths.fixtureText("gen2/webapi-metric_profiles.json"), contentType: "application/json")
        let api = FakeWebAPI(tokens: ["tenant-token"])
        api.store("tenant-token", "topology/service-types", "2022-10-26", try! Kit.webAPIServiceTypes())
        return MemoryTransport(serving: { request in
            if request.path.hasPrefix("/gocdbpi/") { return gocdb.respond(request) }
            if request.path.hasPrefix("/api/v2/topology") { return api.respond(request) }
            return feeds.respond(request)
        })
    }

    /// What `type` makes for the kit's customer.conf `kit` on `day`, per
    /// file as 2.3.1 named it (`group_groups_DATE.json` for a tenant's,
    /// `DIRNAME.weights_DATE.json` for a job's): each record's JSON.
    private func produce<C: Connector>(_ type: C.Type, kit: String, day: String = "2022-10-27",
                                       transport: any FeedTransport, feed: String = feed) throws -> [String: [String]] {
        let directory = Kit.directory()
        let (loaded, log) = Configuration.load(globalPath: Kit.file("global.json.conf", in: directory, webAPI: "kit.example.org"),
                                               customerPath: Kit.file("\(kit).customer.conf", in: directory, feed: feed))
        let configuration = try XCTUnwrap(loaded, "\(log.entries)")
        let date = try XCTUnwrap(RunDate(parsing: day))
        let connector = C(context: testContext(transport, date: date, passExtensions: configuration.global.passExtensions,
                                               saveDir: directory.file("state")))
        var files: [String: [String]] = [:]
        for customer in configuration.customers.customers {
            let targets = C.descriptor.perCustomerIn.contains(customer.generation)
                ? [JobTarget(wholeCustomer: customer, date: date)] : customer.jobs.map { JobTarget(customer: customer, job: $0, date: date) }
            for target in targets {
                guard let feed = connector.feed(for: customer, job: target.job) else { continue }
                let product = try connector.produce(try connector.fetch(feed), for: target)
                for set in product.recordSets {
                    let schema = try XCTUnwrap(configuration.schemas[set.kind])
                    let binding = try AvroRecordBinding(schema: schema.schema, fieldNames: set.fieldNames)
                    let batch = OutputBatch(kind: set.kind, schema: schema, count: set.count, record: { binding.bind(set.row($0)) }, ownJSON: set.json)
                    let name = set.kind.isFileOutput ? configuration.global.outputFileName(set.kind, date: date) : set.kind.rawValue
                    let file = target.isCustomerWide ? name : "\(target.job.dirname).\(name)"
                    files[file] = (0..<batch.count).map { JSONWriter.serialize(batch.json($0)) }
                }
            }
        }
        return files
    }

    /// The records 2.3.1 wrote into `expected/<kit>/<file>`.
    private func written(_ kit: String, _ file: String) -> [String] {
        let array = try! JSONParser.parse(Paths.fixtureText("gen2/expected/\(kit)/\(file)"))
        return (array.arrayValue ?? []).map(JSONWriter.serialize)
    }

    /// What 2.3.1 sent to the WEB-API's `resource` in `expected/<kit>/webapi.jsonl`.
    private func sent(_ kit: String, _ resource: String) -> [String] {
        let body = Kit.requests(kit, "webapi").last { $0["method"]?.stringValue == "POST" && ($0["path"]?.stringValue ?? "").hasSuffix(resource) }?["body"]
        return (body?.arrayValue ?? []).map(JSONWriter.serialize)
    }

    private func assertWritesWhat231Wrote<C: Connector>(_ type: C.Type, kit: String, day: String = "2022-10-27",
                                                        file: StaticString = #filePath, line: UInt = #line) throws {
        let transport = kitTransport()
        let made = try produce(type, kit: kit, day: day, transport: transport)
        let expected = try FileManager.default.contentsOfDirectory(atPath: Paths.fixture("gen2/expected/\(kit)").path)
            .filter { $0.hasSuffix(".json") && $0 != "provider_token.json" }  // the rotated OIDC token, not records
        XCTAssertFalse(expected.isEmpty, kit, file: file, line: line)
        XCTAssertEqual(Set(made.keys), Set(expected), "\(kit): the files 2.3.1 wrote", file: file, line: line)
        for name in expected {
            XCTAssertEqual(made[name], written(kit, name), "\(kit)/\(name)", file: file, line: line)
        }
        XCTAssertFalse(transport.requests.isEmpty, file: file, line: line)
    }

    func testTopologyConnectorsWriteWhat231Wrote() throws {
        try assertWritesWhat231Wrote(TopologyConnector.self, kit: "topology-gocdb")
        try assertWritesWhat231Wrote(CSVTopologyConnector.self, kit: "topology-csv")
        try assertWritesWhat231Wrote(JSONTopologyConnector.self, kit: "topology-json")
        try assertWritesWhat231Wrote(ProviderTopologyConnector.self, kit: "topology-provider")
        try assertWritesWhat231Wrote(AgoraTopologyConnector.self, kit: "topology-agora")
        try assertWritesWhat231Wrote(Lot1scTopologyConnector.self, kit: "topology-lot1sc")
    }

    func testDowntimesWeightsAndMetricProfilesWriteWhat231Wrote() throws {
        let downtimes = KitGocdb(["get_downtime": Paths.fixtureText("gen2/feed-get_downtime.xml")])
        let made = try produce(DowntimesConnector.self, kit: "downtimes-gocdb", transport: kitTransport(gocdb: downtimes))
        XCTAssertEqual(made["downtimes_2022_10_27.json"], written("downtimes-gocdb", "downtimes_2022_10_27.json"))
        try assertWritesWhat231Wrote(CSVDowntimesConnector.self, kit: "downtimes-csv", day: "2022-02-21")
        try assertWritesWhat231Wrote(WeightsConnector.self, kit: "weights-vapor")
        try assertWritesWhat231Wrote(WebAPIMetricProfilesConnector.self, kit: "metricprofile-webapi")
    }

    func testServiceTypesAreWhat231Sent() throws {
        let gocdb = KitGocdb(["get_service_types": Paths.fixtureText("gen2/feed-get_service_types.xml")])
        for (type, kit) in [(GocdbServiceTypesConnector.self as any Connector.Type, "service-types-gocdb"),
                            (CSVServiceTypesConnector.self, "service-types-csv"), (JSONServiceTypesConnector.self, "service-types-json")] {
            let made = try produce(type, kit: kit, transport: kitTransport(gocdb: gocdb))
            XCTAssertFalse(sent(kit, "service-types").isEmpty, kit)
            XCTAssertEqual(made[OutputKind.serviceTypes.rawValue], sent(kit, "service-types"), kit)
        }
    }

    /// A 1.7 job's metric profiles from POEM: `x-api-key`, one request per profile.
    func testPoemConnectorMakesTheJobsProfiles() throws {
        let profile = #"{"name": "CRIT", "description": "d", "vo": "ops", "metric_instances": [{"service_flavour": "SRM", "metric": "org.sam.SRM-Put"}]}"#
        let transport = MemoryTransport(bodies: ["https://poem.example.org/poem/api/v2/profiles/CRIT": profile])
        var job = JobConfig(section: "JOB_A", line: 1, dirname: "A")
        job.profiles = ["CRIT"]
        (job.options[.poemNamespace], job.options[.poemServerHost], job.options[.poemServerVO]) = (.text("ch.cern.SAM"), .text("poem.example.org"), .list(["ops"]))
        var customer = CustomerConfig.named("EGI")
        customer.authentication.poemToken = "poem-token"
        customer.jobs = [job]
        let connector = PoemConnector(context: testContext(transport))
        let feed = try XCTUnwrap(connector.feed(for: customer, job: job))
        let product = try connector.produce(try connector.fetch(feed), for: JobTarget(customer: customer, job: job, date: RunDate(year: 2026, month: 11, day: 28)))
        let rows = product.recordSets.flatMap { set in (0..<set.count).map { set.row($0).map { "\($0)" } } }
        XCTAssertEqual(rows.count, 1)
        XCTAssertTrue(rows[0].joined(separator: " ").contains("org.sam.SRM-Put"), "\(rows)")
        XCTAssertEqual(transport.requests.map(\.url), ["https://poem.example.org/poem/api/v2/profiles/CRIT"])
        XCTAssertTrue(transport.requests[0].headers.contains("x-api-key: poem-token"), "\(transport.requests[0].headers)")
    }

    /// The double held against the real client: the same fakes behind a
    /// loopback server and libcurl, and in memory, give the same records
    /// and the same failures.
    func testTheMemoryTransportAnswersAsTheHTTPClientDoes() throws {
        let kit = KitGocdb.topology()
        let server = try TestHTTPServer(handler: kit.respond)
        let overHTTP = try produce(TopologyConnector.self, kit: "topology-gocdb", transport: testHTTPClient(), feed: server.baseURL)
        let inMemory = try produce(TopologyConnector.self, kit: "topology-gocdb", transport: MemoryTransport(serving: kit.respond))
        XCTAssertEqual(overHTTP.mapValues { $0.joined() }, inMemory.mapValues { $0.joined() })
        XCTAssertFalse(inMemory.isEmpty)

        var settings = HTTPSettings()
        settings.connection.retries = 0
        for response in [TestHTTPServer.Response(status: 503, body: "down"), TestHTTPServer.Response(status: 404, body: "no such page")] {
            let failing = try TestHTTPServer { _ in response }
            let request = HTTPRequest(url: failing.baseURL + "/feed")
            let real = try XCTUnwrap(Result { try testHTTPClient(settings).fetch(request) }.failureValue as? FeedError)
            let double = try XCTUnwrap(Result { try MemoryTransport(settings: settings, serving: { _ in response }).fetch(request) }.failureValue as? FeedError)
            XCTAssertEqual("\(real.kind)", "\(double.kind)")
            XCTAssertEqual(real.isRetryable, double.isRetryable)
            XCTAssertEqual(real.url, double.url)
        }
        // A body over the request's limit: the same kind and the same words.
        let large = try TestHTTPServer { _ in .init(body: String(repeating: "x", count: 100)) }
        var limited = HTTPRequest(url: large.baseURL + "/feed")
        limited.maxBodyBytes = 10
        let real = try XCTUnwrap(Result { try testHTTPClient(settings).fetch(limited) }.failureValue as? FeedError)
        let double = try XCTUnwrap(Result { try MemoryTransport(settings: settings, serving: { _ in .init(body: String(repeating: "x", count: 100)) }).fetch(limited) }.failureValue as? FeedError)
        XCTAssertEqual("\(real.kind)", "\(double.kind)")
        XCTAssertEqual(real.reason, double.reason)
    }

    /// The connectors these tests call: a connector added to the catalogue without a test here fails this.
    func testEveryConnectorOfTheCatalogueIsCalledHere() {
        let called: [any Connector.Type] = [TopologyConnector.self, CSVTopologyConnector.self, JSONTopologyConnector.self, ProviderTopologyConnector.self,
                                            AgoraTopologyConnector.self, Lot1scTopologyConnector.self, DowntimesConnector.self, CSVDowntimesConnector.self,
                                            WeightsConnector.self, WebAPIMetricProfilesConnector.self, PoemConnector.self, GocdbServiceTypesConnector.self,
                                            CSVServiceTypesConnector.self, JSONServiceTypesConnector.self]
        XCTAssertEqual(Set(ConnectorCatalogue.connectors.map { "\($0)" }), Set(called.map { "\($0)" }))
    }

    /// Faults injected in memory reach the connector as the HTTP client would report them.
    func testFaultsInjectedInMemory() throws {
        let cut = MemoryTransport { _ in .cut(Paths.fixtureText("gen2/feed-vapor.json"), after: 40) }
        let weights = WeightsConnector(context: testContext(cut))
        var job = JobConfig(section: "JOB_A", line: 1, dirname: "A")
        job.options[.weightsFeed] = .text("http://vapor.example.org/x.json")
        let feed = try XCTUnwrap(weights.feed(for: CustomerConfig.named("EGI"), job: job))
        XCTAssertThrowsError(try weights.fetch(feed)) { XCTAssertTrue("\($0)".contains("connection reset after 40 bytes"), "\($0)") }
        let refusing = MemoryTransport { _ in .status(503, "down for maintenance") }
        XCTAssertThrowsError(try WeightsConnector(context: testContext(refusing)).fetch(feed)) { XCTAssertTrue("\($0)".contains("HTTP 503"), "\($0)") }
        let garbage = MemoryTransport { _ in .body("<html>a proxy's page</html>") }
        XCTAssertThrowsError(try WeightsConnector(context: testContext(garbage)).fetch(feed)) { error in
            XCTAssertTrue("\(error)".contains("http://vapor.example.org/x.json"), "the URL is named: \(error)")
        }
    }
}

private extension Result {
    var failureValue: Failure? { if case .failure(let error) = self { error } else { nil } }
}
