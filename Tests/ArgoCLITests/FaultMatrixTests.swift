import XCTest
import ArgoCLI
import ArgoConnectors
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// Every connector and AMS publishing against loopback servers that
/// misbehave in the ways real ones do. Each cell checks retries, exit
/// status, earlier files, leftovers, state files, the unaffected job, AMS
/// delivery and that no secret leaks into any output.
final class FaultMatrixTests: XCTestCase {
    enum Fault: String, CaseIterable {
        case serverErrorThenSuccess, timeoutThenSuccess, permanentServerError, resetMidBody, truncatedBody,
             malformedBody, htmlErrorPage, unauthorized, slowBeyondTimeout, redirectLoop

        var recovers: Bool { self == .serverErrorThenSuccess || self == .timeoutThenSuccess }

        /// Requests the faulty route sees with Retry = 1 (a redirect loop's
        /// further hops go elsewhere, and it is not retried).
        var expectedRequests: Int {
            switch self {
            case .malformedBody, .htmlErrorPage, .unauthorized, .redirectLoop: return 1
            default: return 2
            }
        }
    }

    enum Subject: String, CaseIterable {
        case topology, downtimes, weights, poem, ams

        var connector: String { self == .ams ? "weights" : rawValue }
        var kinds: [String] {
            switch self {
            case .topology: return ["group_groups", "group_endpoints"]
            case .downtimes: return ["downtimes"]
            case .weights, .ams: return ["weights"]
            case .poem: return ["poem_sync"]
            }
        }

        /// Whether a request belongs to the feed (or service) under test.
        func isRoute(_ request: TestHTTPServer.Request) -> Bool {
            switch self {
            case .topology: return request.query["method"] == "get_site"
            case .downtimes: return request.query["method"] == "get_downtime"
            case .weights: return request.path.contains("vapor")
            case .poem: return request.path.hasPrefix("/poem/")
            case .ams: return request.path.hasSuffix(":publish")
            }
        }

        var isXML: Bool { self == .topology || self == .downtimes }
    }

    let date = "2026-11-28"

    /// A healthy peer for every feed: GOCDB (basic auth), VAPOR, POEM (token) and AMS.
    final class Peer {
        let gocdb = FakeGocdb.egi()
        let ams = FakeAms(token: "ams-secret-token")

        init() {
            gocdb.basicAuth = ("operator", "gocdb-pa55word")
            gocdb.downtimes = "<results>" + DowntimesTests.downtime(1, host: "a.org", start: "2026-11-28 08:00", end: "2026-11-28 09:00")
                + DowntimesTests.downtime(2, host: "b.org", start: "2026-11-27 08:00", end: "2026-11-29 09:00") + "</results>"
        }

        func respond(_ request: TestHTTPServer.Request) -> TestHTTPServer.Response {
            if request.path.hasSuffix(":publish") { return ams.respond(request) }
            if request.path.contains("vapor") {
                return .init(body: #"[{"ngi": "NGI_DE", "site": [{"id": "SITE-A", "ComputationPower": 12.5}, {"id": "SITE-B", "ComputationPower": "7"}]}, {"ngi": "NGI_IT", "site": [{"id": "SITE-C", "ComputationPower": 3}]}]"#,
                             contentType: "application/json")
            }
            if request.path.hasPrefix("/poem/") {
                guard request.headers["x-api-key"] == "poem-secret-token" else { return .init(status: 401, body: "{}") }
                return .init(body: PoemTests.profile("CRITICAL", metrics: [("SRM", "org.sam.SRM-Put"), ("CE", "org.sam.CE-JobSubmit")]),
                             contentType: "application/json")
            }
            return gocdb.respond(request)
        }
    }

    /// The fault's answer to a request of the route (`attempt` counts from 1);
    /// nil means answer normally.
    static func answer(_ fault: Fault, attempt: Int, subject: Subject, healthy: () -> TestHTTPServer.Response) -> TestHTTPServer.Response? {
        // AMS faults never accept the publish, so a retry cannot duplicate it.
        func processed() -> TestHTTPServer.Response {
            subject == .ams ? TestHTTPServer.Response(body: String(repeating: " ", count: 400) + #"{"messageIds": ["0"]}"#) : healthy()
        }
        switch fault {
        case .serverErrorThenSuccess: return attempt == 1 ? .init(status: 503, body: "busy") : nil
        case .timeoutThenSuccess:
            guard attempt == 1 else { return nil }
            var late = TestHTTPServer.Response(body: "late")
            late.delay = 2.5
            return late
        case .permanentServerError: return .init(status: 500, body: "internal error")
        case .resetMidBody:
            var reset = processed()
            reset.resetAfter = 10
            return reset
        case .truncatedBody:
            var cut = processed()
            cut.truncateAfter = cut.body.count / 2
            return cut
        case .malformedBody: return .init(body: subject.isXML ? "<results><SITE NAME=\"x\"><ROC>y</SITE></results>" : #"{"ngi": ["#)
        case .htmlErrorPage:
            return .init(body: "<html><head><title>Error</title></head><body><h1>Service unavailable</h1></body></html>", contentType: "text/html")
        case .unauthorized: return .init(status: 401, body: "unauthorized")
        case .slowBeyondTimeout:
            var slow = TestHTTPServer.Response(body: "slow")
            slow.delay = 2.5
            return slow
        case .redirectLoop:
            var loop = TestHTTPServer.Response(status: 302, body: "")
            loop.headers.append(("Location", request302Target))
            return loop
        }
    }

    static let request302Target = "/loop"

    private func feedLines(_ subject: Subject, _ base: String) -> String {
        switch subject {
        case .topology: return "TopoFeed = \(base)/gocdbpi/\n"
        case .downtimes: return "DowntimesFeed = \(base)/gocdbpi/\n"
        case .weights, .ams: return "WeightsFeed = \(base)/vapor/downloadLavoisier/option/json/view/VAPOR_Ngi_Sites_Info\n"
        case .poem: return "Profiles = CRITICAL\nPoemNamespace = ch.cern.SAM\nPoemServerHost = \(base)\nPoemServerVO = ops\n"
        }
    }

    func testEveryConnectorAgainstEveryFault() throws {
        for subject in Subject.allCases {
            for fault in Fault.allCases {
                try runCell(subject, fault)
            }
        }
    }

    private func runCell(_ subject: Subject, _ fault: Fault) throws {
        let cell = "\(subject.rawValue) × \(fault.rawValue)"
        let directory = TempDirectory()
        let faultyPeer = Peer(), healthyPeer = Peer()
        let counter = Counter()
        let faulty = try TestHTTPServer { request in
            if request.path == Self.request302Target { return .init(status: 302, body: "", contentType: "text/plain").withLocation(Self.request302Target) }
            guard subject.isRoute(request) else { return faultyPeer.respond(request) }
            return Self.answer(fault, attempt: counter.next(), subject: subject) { faultyPeer.respond(request) } ?? faultyPeer.respond(request)
        }
        let healthy = try TestHTTPServer(handler: healthyPeer.respond)
        let feedOfFaulty = subject == .ams ? healthy.baseURL : faulty.baseURL
        let customers = """
        [CUSTOMER_F]
        Name = F
        OutputDir = @OUT@/F
        Jobs = JOB_F
        AmsHost = \(subject == .ams ? faulty.baseURL : healthy.baseURL)

        [CUSTOMER_OK]
        Name = OK
        OutputDir = @OUT@/OK
        Jobs = JOB_OK
        AmsHost = \(healthy.baseURL)

        [JOB_F]
        Dirname = Faulty
        \(feedLines(subject, feedOfFaulty))
        [JOB_OK]
        Dirname = Healthy
        \(feedLines(subject, healthy.baseURL))
        """
        var files = ConfigFiles(in: directory, customers: customers)
        for (key, value) in [("Timeout", "1"), ("Retry", "1"), ("SleepRetry", "0")] { files.set("Connection", key, value) }
        for (key, value) in [("UsePlainHttpAuth", "True"), ("HttpUser", "operator"), ("HttpPass", "gocdb-pa55word"), ("PoemToken", "poem-secret-token")] {
            files.set("Authentication", key, value)
        }
        for (key, value) in [("Token", "ams-secret-token"), ("Project", "EGI"), ("Topic", "T"), ("PackSingleMsg", "False"), ("Bulk", "2")] {
            files.set("AMS", key, value)
        }
        files.set("General", "PublishAms", subject == .ams ? "True" : "False")
        let states = directory.file("states")
        files.set("InputState", "SaveDir", states)
        let stamp = date.replacingOccurrences(of: "-", with: "_")
        let earlier = subject.kinds.map { directory.write("out/F/Faulty/\($0)_\(stamp).avro", "the earlier good file of \($0)") }
        let logFile = directory.file("run.log")
        let result = runApp([subject.connector, "-d", date, "--log-file", logFile] + files.write())

        let succeeds = fault.recovers
        XCTAssertEqual(result.status, succeeds ? 0 : 1, "\(cell): exit status\n\(result.stderr)")
        // AMS gets the 3 records in two requests (Bulk 2): a recovered publish sends the second one too.
        let extraChunk = subject == .ams && succeeds ? 1 : 0
        XCTAssertEqual(counter.current, fault.expectedRequests + extraChunk, "\(cell): requests to the faulty route")
        if fault == .redirectLoop {
            XCTAssertTrue(result.stderr.contains("redirect"), "\(cell): says it was a redirect loop\n\(result.stderr)")
        }
        for (kind, path) in zip(subject.kinds, earlier) {
            let bytes = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            if succeeds || subject == .ams {
                XCTAssertFalse(avroLines(path).isEmpty, "\(cell): \(kind) written anew")
            } else {
                XCTAssertEqual(bytes, "the earlier good file of \(kind)", "\(cell): \(kind) of the earlier run untouched")
            }
        }
        let leftovers = FileManager.default.enumerator(atPath: directory.file("out"))!.compactMap { $0 as? String }.filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [], "\(cell): no temporary file left")
        let jobSucceeded = succeeds
        XCTAssertEqual(try? String(contentsOfFile: "\(states)/F/Faulty/\(subject.connector)-ok_\(stamp)", encoding: .utf8),
                       jobSucceeded ? "True" : "False", "\(cell): state file of the faulty job")
        XCTAssertEqual(try? String(contentsOfFile: "\(states)/OK/Healthy/\(subject.connector)-ok_\(stamp)", encoding: .utf8), "True",
                       "\(cell): the other job is unaffected")
        for kind in subject.kinds {
            XCTAssertFalse(avroLines(directory.file("out/OK/Healthy/\(kind)_\(stamp).avro")).isEmpty, "\(cell): the other job's \(kind)")
        }
        if subject == .ams { checkAms(cell, succeeds: succeeds, faulty: faultyPeer.ams, healthy: healthyPeer.ams, directory: directory, result: result) }
        let outputs = [result.stdout, result.stderr, (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""]
            + (FileManager.default.enumerator(atPath: states)?.compactMap { $0 as? String }.map { (try? String(contentsOfFile: "\(states)/\($0)", encoding: .utf8)) ?? "" } ?? [])
        for secret in Samples.secrets {
            XCTAssertFalse(outputs.contains { $0.contains(secret) }, "\(cell): \(secret) leaked")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: logFile), "\(cell): log file written")
    }

    private func checkAms(_ cell: String, succeeds: Bool, faulty: FakeAms, healthy: FakeAms, directory: TempDirectory, result: RunResult) {
        let stamp = date.replacingOccurrences(of: "-", with: "_")
        let schema = try! AvroSchemaDocument(parsing: String(contentsOfFile: Paths.schemas + "/weight_sites.avsc", encoding: .utf8))
        var fromFile: [AvroValue] = []
        let reader = try! AvroContainerReader(bytes: [UInt8](FileManager.default.contents(atPath: directory.file("out/F/Faulty/weights_\(stamp).avro"))!))
        try! reader.forEachRecord { fromFile.append($0) }
        if succeeds {
            XCTAssertEqual(faulty.decodedRecords(schema.schema), fromFile, "\(cell): every record exactly once")
        } else {
            XCTAssertTrue(faulty.messages.isEmpty, "\(cell): the faulty AMS accepted nothing")
            XCTAssertTrue(result.stderr.contains("3 of 3 records not delivered"), "\(cell): undelivered count\n\(result.stderr)")
        }
        XCTAssertEqual(healthy.decodedRecords(schema.schema).count, 3, "\(cell): the other customer's records reached its AMS once")
    }
}

extension TestHTTPServer.Response {
    func withLocation(_ location: String) -> TestHTTPServer.Response {
        var copy = self
        copy.headers.append(("Location", location))
        return copy
    }
}
