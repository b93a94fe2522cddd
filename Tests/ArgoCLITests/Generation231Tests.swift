import Foundation
import XCTest
import ArgoCLI
import ArgoConnectors
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #19: the configurations of argo-connectors 2.3.1's own conformance
/// runs (Fixtures/gen2, from ../shared/conformance/gen2/configs) are read as
/// they are; a 1.7 configuration keeps working; the 1.7 connectors refuse a
/// 2.3.1 tenant rather than fetch the wrong topology for it.
final class Generation231Tests: XCTestCase {
    static let connectors = ["topology-gocdb", "topology-csv", "topology-json", "topology-provider", "topology-agora", "topology-lot1sc",
                             "downtimes-gocdb", "downtimes-csv", "weights-vapor", "service-types-gocdb", "service-types-csv",
                             "service-types-json", "metricprofile-webapi"]
    static let phases = ["json", "webapi", "rerun", "json-compressed"]

    /// The kit's webapi-phase global.conf with WriteJson on too: files and the WEB-API from one run.
    private func filesAndWebAPIGlobal(in directory: TempDirectory, webAPI: String) -> String {
        let global = Kit.file("global.webapi.conf", in: directory, webAPI: webAPI)
        let text = (try? String(contentsOfFile: global, encoding: .utf8)) ?? ""
        return directory.write("global.webapi.conf", text.replacingOccurrences(of: "WriteJson = False", with: "WriteJson = True"), mode: 0o600)
    }

    func testEveryConformanceConfigurationValidatesAsA231Tenant() throws {
        let directory = Kit.directory()
        let expectedTypes = ["topology-gocdb": "GOCDB", "topology-csv": "CSV", "topology-json": "JSON", "topology-provider": "EOSC-PROVIDERS",
                             "topology-agora": "AGORA", "topology-lot1sc": "LOT1SC"]
        for connector in Self.connectors {
            let customer = Kit.file("\(connector).customer.conf", in: directory)
            for phase in Self.phases {
                let global = Kit.file("global.\(phase).conf", in: directory)
                let result = runApp(["validate-config", "-c", customer, "-g", global])
                XCTAssertEqual(result.status, 0, "\(connector) \(phase): \(result.output)")
                XCTAssertTrue(result.stdout.contains("valid (0 warnings)"), "\(connector) \(phase): \(result.stdout)")
                XCTAssertTrue(result.stdout.contains(": an argo-connectors 2.3.1 tenant (TopoType \(expectedTypes[connector] ?? "")"),
                              "\(connector) \(phase): \(result.stdout)")
                // Only the connectors with something to fetch for the tenant.
                let runs = ["topology-gocdb": "topology (GOCDB), metric-profiles (WEB-API), service-types (GOCDB)",
                            "topology-csv": "topology (CSV), metric-profiles (WEB-API), service-types (CSV)",
                            "topology-json": "topology (JSON), metric-profiles (WEB-API), service-types (JSON)",
                            "topology-provider": "topology (EOSC-PROVIDERS), metric-profiles (WEB-API)",
                            "topology-agora": "topology (AGORA), metric-profiles (WEB-API)", "topology-lot1sc": "topology (LOT1SC), metric-profiles (WEB-API)",
                            "downtimes-gocdb": "downtimes (GOCDB), metric-profiles (WEB-API)", "downtimes-csv": "downtimes (CSV), metric-profiles (WEB-API)",
                            "weights-vapor": "weights (VAPOR), metric-profiles (WEB-API)", "metricprofile-webapi": "metric-profiles (WEB-API)",
                            "service-types-gocdb": "metric-profiles (WEB-API), service-types (GOCDB)",
                            "service-types-csv": "metric-profiles (WEB-API), service-types (CSV)",
                            "service-types-json": "metric-profiles (WEB-API), service-types (JSON)"]
                XCTAssertTrue(result.stdout.contains("; runs: \(runs[connector] ?? "?")\n"), "\(connector): \(result.stdout)")
            }
        }
    }

    /// 2.3.1's own etc/*.conf.template (v2.3.1, installed as
    /// config-examples/2.3.1/), with only their paths and hosts adapted (the
    /// folder, the grid-security files, GOCDB, the BDII), run as they are.
    func testTheUpstreamTemplatesRunAsTheyAre() throws {
        try XCTSkipUnless(TestSlapd.isInstalled, "slapd is not installed (make test installs it)")
        let slapd = try TestSlapd(entries: Self.bdiiEntries)
        let gocdb = try TestHTTPServer(handler: KitGocdb.topology().respond)
        let directory = Kit.directory()
        let pki = try TestPKI()
        let adapt = { (name: String) -> String in
            let text = try! String(contentsOf: Paths.root.appendingPathComponent("config-examples/2.3.1/\(name).conf"), encoding: .utf8)
                .replacingOccurrences(of: "VENV = /opt/argo-connectors/", with: "VENV = \(directory.path)/")
                .replacingOccurrences(of: "/etc/grid-security/hostcert.pem", with: pki.clientCert)
                .replacingOccurrences(of: "/etc/grid-security/hostkey.pem", with: pki.clientKey)
                .replacingOccurrences(of: "/etc/grid-security/certificates", with: pki.directory.path)
                .replacingOccurrences(of: "https://goc.egi.eu", with: gocdb.baseURL)
                .replacingOccurrences(of: "BDIIHost = bdii.egi.cro-ngi.hr", with: "BDIIHost = 127.0.0.1")
                .replacingOccurrences(of: "BDIIPort = 2170", with: "BDIIPort = \(slapd.port)")
            return directory.write("\(name).conf", text, mode: 0o600)
        }
        let (customer, global) = (adapt("customer"), adapt("global"))
        let checked = runApp(["validate-config", "-c", customer, "-g", global])
        XCTAssertEqual(checked.status, 0, checked.output)
        let run = runApp(["-c", customer, "-g", global, "-d", "2022-10-27"], programName: "topology-gocdb-connector.py")
        XCTAssertEqual(run.status, 0, run.output)
        for kind in ["groups", "endpoints"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: directory.file("var/lib/argo-connectors/EGI/group_\(kind)_2022_10_27.json.gz")),
                          "CompressJson = True in the template")
        }
        XCTAssertEqual(try String(contentsOfFile: directory.file("var/lib/argo-connectors/states/EGI/topology-ok_2022_10_27"), encoding: .utf8), "True")
    }

    func testA17ConfigurationIsStillA17One() {
        let directory = TempDirectory()
        let args = ConfigFiles(in: directory, customers: Samples.validCustomer).write()
        let result = runApp(["validate-config"] + args)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stdout.contains("[CUSTOMER_EGI] Name EGI: an argo-egi-connectors 1.7 customer, jobs JOB_A, JOB_B; runs: topology (GOCDB), downtimes (GOCDB), weights (VAPOR), poem (POEM)"),
                      result.stdout)
    }

    func testThe17ConnectorsRefuseA231TenantWithoutFetching() throws {
        let directory = Kit.directory()
        let feed = try TestHTTPServer { _ in .init(body: "<results/>") }
        let customer = Kit.file("topology-gocdb.customer.conf", in: directory, feed: feed.baseURL)
        let global = Kit.file("global.json.conf", in: directory)
        let result = runApp(["-c", customer, "-g", global, "-d", "2022-10-27"], programName: "poem-connector.py")
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stderr.contains("Customer:EGI Job:Critical not run: \(customer):2: [CUSTOMER_EGI] is an argo-connectors 2.3.1 tenant; this build's"),
                      result.stderr)
        XCTAssertTrue(feed.requests.isEmpty, "nothing fetched for a tenant it would misread")
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/EGI_Critical/poem-ok_2022_10_27"), encoding: .utf8), "False")
    }

    // MARK: metricprofile-webapi-connector.py

    /// A WEB-API answering `GET /api/v2/metric_profiles` for the kit's tenant.
    private func metricProfilesAPI(answer: TestHTTPServer.Response? = nil) throws -> TestHTTPServer {
        try TestHTTPServer { request in
            guard request.headers["x-api-key"] == "tenant-token" else {
                return .init(status: 401, body: #"{"status": {"message": "Unauthorized", "code": "401"}}"#, contentType: "application/json")
            }
            guard request.method == "GET", request.path == "/api/v2/metric_profiles" else { return .init(status: 404, body: "{}") }
            return answer ?? .init(body: Paths.fixtureText("gen2/webapi-metric_profiles.json"), contentType: "application/json")
        }
    }

    private func metricProfilesRun(_ api: TestHTTPServer, in directory: TempDirectory, phase: String = "json",
                                   options: [String] = []) -> RunResult {
        let customer = Kit.file("metricprofile-webapi.customer.conf", in: directory)
        let global = Kit.file("global.\(phase).conf", in: directory, webAPI: api.baseURL)
        return runApp(["-c", customer, "-g", global, "-d", "2022-10-27"] + options, programName: "metricprofile-webapi-connector.py")
    }

    /// The conformance kit's run: the files 2.3.1 wrote, byte for byte, and one GET as 2.3.1 sent it.
    func testMetricProfilesFromTheWebAPIAsTheConformanceRunWroteThem() throws {
        let api = try metricProfilesAPI()
        let directory = Kit.directory()
        let result = metricProfilesRun(api, in: directory)
        XCTAssertEqual(result.status, 0, result.output)
        for job in ["EGI_Critical", "EGI_Cloud"] {
            let written = try Data(contentsOf: URL(fileURLWithPath: directory.file("out/EGI/\(job)/poem_sync_2022_10_27.json")))
            let expected = try Data(contentsOf: Paths.fixture("gen2/expected/metricprofile-webapi/\(job).poem_sync_2022_10_27.json"))
            XCTAssertEqual(written, expected, "\(job): as 2.3.1 wrote it")
            XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/\(job)/metricprofile-ok_2022_10_27"), encoding: .utf8), "True")
        }
        XCTAssertEqual(api.requests.map { "\($0.method) \($0.target)" }, ["GET /api/v2/metric_profiles"], "one GET for the tenant's jobs")
        XCTAssertEqual(api.requests.first?.headers["accept"], "application/json")
        XCTAssertFalse(result.output.contains("tenant-token"))
    }

    func testCompressJsonWritesGzippedFiles() throws {
        let api = try metricProfilesAPI()
        let directory = Kit.directory()
        let gzipped = directory.file("out/EGI/EGI_Critical/poem_sync_2022_10_27.json.gz")
        let dryRun = metricProfilesRun(api, in: directory, phase: "json-compressed", options: ["--dry-run"])
        XCTAssertEqual(dryRun.status, 0, dryRun.output)
        XCTAssertTrue(dryRun.stderr.contains("would write \(gzipped) (4 records)"), "the dry run names the file a real run writes: \(dryRun.stderr)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: gzipped))
        XCTAssertEqual(metricProfilesRun(api, in: directory, phase: "json-compressed").status, 0)
        XCTAssertEqual(try Kit.gunzip(gzipped), try Data(contentsOf: Paths.fixture("gen2/expected/metricprofile-webapi/EGI_Critical.poem_sync_2022_10_27.json")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/EGI/EGI_Critical/poem_sync_2022_10_27.json")))
    }

    func testAFailingAnEmptyAndARefusingWebAPIFailTheJobs() throws {
        let cases: [(TestHTTPServer.Response?, String, String)] = [
            (.init(status: 500, body: "boom", contentType: "text/plain"), "tenant-token", "HTTP 500"),
            (.init(body: #"{"status": {"message": "Success", "code": "200"}, "data": []}"#, contentType: "application/json"), "tenant-token",
             "Poem: nothing written: the WEB-API holds no metric profile ARGO_MON_CRITICAL"),
            (.init(body: #"{"data": [{"name": "ARGO_MON_CRITICAL", "services": [{"service": 7, "metrics": ["m"]}]}]}"#, contentType: "application/json"), "tenant-token",
             "data[0].services[0].service: expected a string, found number"),
        ]
        for (answer, _, expected) in cases {
            let api = try metricProfilesAPI(answer: answer)
            let directory = Kit.directory()
            let result = metricProfilesRun(api, in: directory)
            XCTAssertEqual(result.status, 1, result.output)
            XCTAssertTrue(result.stderr.contains(expected), "\(expected): \(result.stderr)")
            XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/EGI_Critical/metricprofile-ok_2022_10_27"), encoding: .utf8), "False")
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/EGI/EGI_Critical/poem_sync_2022_10_27.json")))
        }
        // The WEB-API refusing the tenant's key.
        let api = try metricProfilesAPI()
        let directory = Kit.directory()
        let customer = Kit.file("metricprofile-webapi.customer.conf", in: directory)
        let global = Kit.file("global.json.conf", in: directory, webAPI: api.baseURL)
        try String(contentsOfFile: customer, encoding: .utf8).replacingOccurrences(of: "WebAPIToken = tenant-token", with: "WebAPIToken = wrong")
            .write(toFile: customer, atomically: true, encoding: .utf8)
        let refused = runApp(["metric-profiles", "-c", customer, "-g", global, "-d", "2022-10-27"])
        XCTAssertEqual(refused.status, 1, refused.output)
        XCTAssertTrue(refused.stderr.contains("/api/v2/metric_profiles: HTTP 401"), refused.stderr)
    }

    func testAllRunsTheConnectorsOfTheConfigurationsGeneration() throws {
        let api = try metricProfilesAPI()
        let directory = Kit.directory()
        let customer = Kit.file("metricprofile-webapi.customer.conf", in: directory)
        let global = Kit.file("global.json.conf", in: directory, webAPI: api.baseURL)
        let tenant = runApp(["all", "-c", customer, "-g", global, "-d", "2022-10-27"])
        let table = tenant.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(table.first, ["CUSTOMER", "JOB", "topology", "downtimes", "weights", "metric-profiles", "service-types"], tenant.output)
        XCTAssertEqual(table.dropFirst().first, ["EGI", "Critical", "-", "-", "-", "ok", "-"],
                       "no TopoFeedSites, DowntimesFeed, Vaporpi or ServiceTypesFeed: nothing of those for this tenant; \(tenant.output)")
        XCTAssertEqual(tenant.status, 0, tenant.output)
        let seventeen = runApp(["all", "--dry-run"] + ConfigFiles(in: directory, customers: Samples.validCustomer).write())
        XCTAssertEqual(seventeen.stdout.split(separator: "\n").dropFirst().first?.split(separator: " ").map(String.init),
                       ["CUSTOMER", "JOB", "topology", "downtimes", "weights", "poem"], seventeen.stdout)
    }

    // MARK: weights-vapor-connector.py

    /// JSON compared as a WEB-API compares it: members in any order, numbers by value (`4600` = `4600.0`).
    private func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): return .object(members.map { ($0.0, canonical($0.1)) }.sorted { $0.0 < $1.0 })
        case .array(let items): return .array(items.map(canonical))
        case .number(let text): return .number(Double(text).map { "\($0)" } ?? text)
        default: return value
        }
    }

    func testWeightsOfA231TenantAsTheConformanceRunWroteAndSentThem() throws {
        let vapor = try TestHTTPServer { request in
            request.path == "/static/vapor.json" ? .init(body: Paths.fixtureText("gen2/feed-vapor.json"), contentType: "application/json")
                : .init(status: 404, body: "")
        }
        let api = FakeWebAPI(tokens: ["tenant-token"])
        let server = try TestHTTPServer(handler: api.respond)
        let directory = Kit.directory()
        let customer = Kit.file("weights-vapor.customer.conf", in: directory, feed: vapor.baseURL)
        let json = runApp(["-c", customer, "-g", Kit.file("global.json.conf", in: directory), "-d", "2022-10-27"], programName: "weights-vapor-connector.py")
        XCTAssertEqual(json.status, 0, json.output)
        for job in ["EGI_Critical", "EGI_Cloud"] {
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory.file("out/EGI/\(job)/weights_2022_10_27.json"))),
                           try Data(contentsOf: Paths.fixture("gen2/expected/weights-vapor/\(job).weights_2022_10_27.json")), "\(job): as 2.3.1 wrote it")
            XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/\(job)/weights-ok_2022_10_27"), encoding: .utf8), "True")
        }
        XCTAssertEqual(vapor.requests.count, 1, "the tenant's jobs share one fetch of Vaporpi")
        // Phase webapi, then the re-run of the same day (409: GET, PUT).
        let global = Kit.file("global.webapi.conf", in: directory, webAPI: server.baseURL)
        XCTAssertEqual(runApp(["weights", "-c", customer, "-g", global, "-d", "2022-10-27"]).status, 0)
        let sent = Paths.fixtureText("gen2/expected/weights-vapor/webapi.jsonl").split(separator: "\n").map { try! JSONParser.parse(String($0)) }
        XCTAssertEqual(sent.count, 2)
        for request in sent {
            let body = try XCTUnwrap(request["body"])
            let name = try XCTUnwrap(body["name"]?.stringValue)
            XCTAssertEqual(api.weights("tenant-token", "2022-10-27", name).map(canonical), canonical(body), "\(name): the body 2.3.1 sent")
        }
        let rerun = runApp(["weights", "-c", customer, "-g", global, "-d", "2022-10-27"])
        XCTAssertEqual(rerun.status, 0, rerun.output)
        XCTAssertEqual(api.allWrites.map { "\($0.method) \($0.resource)" }, ["POST weights", "POST weights"],
                       "a re-run of unchanged weights writes nothing (2.3.1 PUT them again)")
        XCTAssertTrue(rerun.stderr.contains("unchanged: the WEB-API held it already"), rerun.stderr)
        // The next day: the reports exist (POST 409 whatever the day), so each gets the day's version by PUT.
        XCTAssertEqual(runApp(["weights", "-c", customer, "-g", global, "-d", "2022-10-28"]).status, 0)
        XCTAssertEqual(api.allWrites.map { "\($0.method) \($0.resource) \($0.date)" }.suffix(2), ["PUT weights 2022-10-28", "PUT weights 2022-10-28"])
        for request in sent {
            let name = try XCTUnwrap(request["body"]?["name"]?.stringValue)
            XCTAssertEqual(api.weights("tenant-token", "2022-10-28", name).map(canonical), request["body"].map(canonical), "\(name) of the next day")
            XCTAssertNotNil(api.weights("tenant-token", "2022-10-27", name), "\(name): the earlier day's version is kept")
        }
        XCTAssertEqual(Paths.fixtureText("gen2/expected/weights-vapor/rerun.webapi.jsonl").split(separator: "\n")
                        .map { try! JSONParser.parse(String($0))["method"]?.stringValue ?? "" }, ["POST", "GET", "PUT", "POST", "GET", "PUT"])
    }

    func testWeightsEmptyAndAFailingVaporFeed() throws {
        let directory = Kit.directory()
        let failing = try TestHTTPServer { _ in .init(status: 503, body: "down") }
        let customer = Kit.file("weights-vapor.customer.conf", in: directory, feed: failing.baseURL)
        let global = Kit.file("global.json.conf", in: directory)
        let failed = runApp(["weights", "-c", customer, "-g", global, "-d", "2022-10-27"])
        XCTAssertEqual(failed.status, 1, failed.output)
        XCTAssertTrue(failed.stderr.contains("/static/vapor.json: HTTP 503"), failed.stderr)
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/EGI_Critical/weights-ok_2022_10_27"), encoding: .utf8), "False")
        XCTAssertEqual(failing.requests.count, 2, "Retry = 2 is two attempts in a 2.3.1 global.conf")
        try String(contentsOfFile: customer, encoding: .utf8).replacingOccurrences(of: "WeightsEmpty = False", with: "WeightsEmpty = True")
            .write(toFile: customer, atomically: true, encoding: .utf8)
        let empty = runApp(["weights", "-c", customer, "-g", global, "-d", "2022-10-27", "--allow-shrink"])
        XCTAssertEqual(empty.status, 0, empty.output)
        XCTAssertEqual(try String(contentsOfFile: directory.file("out/EGI/EGI_Critical/weights_2022_10_27.json"), encoding: .utf8), "[]")
        XCTAssertEqual(failing.requests.count, 2, "WeightsEmpty fetches nothing")
    }

    // MARK: downtimes-gocdb-connector.py

    private func downtimesFeed() throws -> TestHTTPServer {
        try TestHTTPServer { _ in .init(body: Paths.fixtureText("gen2/feed-get_downtime.xml")) }
    }

    func testDowntimesOfA231TenantAsTheConformanceRunWroteAndSentThem() throws {
        let gocdb = try downtimesFeed()
        let api = FakeWebAPI(tokens: ["tenant-token"])
        let server = try TestHTTPServer(handler: api.respond)
        let directory = Kit.directory()
        let customer = Kit.file("downtimes-gocdb.customer.conf", in: directory, feed: gocdb.baseURL)
        let json = runApp(["-c", customer, "-g", Kit.file("global.json.conf", in: directory), "-d", "2022-10-27"], programName: "downtimes-gocdb-connector.py")
        XCTAssertEqual(json.status, 0, json.output)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory.file("out/EGI/downtimes_2022_10_27.json"))),
                       try Data(contentsOf: Paths.fixture("gen2/expected/downtimes-gocdb/downtimes_2022_10_27.json")), "once per tenant, in its OutputDir")
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/downtimes-ok_2022_10_27"), encoding: .utf8), "True")
        let asked = try JSONParser.parse(Paths.fixtureText("gen2/expected/downtimes-gocdb/feeds.jsonl").split(separator: "\n")[0].description)
        XCTAssertEqual(gocdb.requests.map(\.target), ["\(asked["path"]!.stringValue!)?\(asked["query"]!.stringValue!)"], "the request 2.3.1 sent")
        XCTAssertEqual(gocdb.requests.first?.headers["authorization"], asked["headers"]?["Authorization"]?.stringValue)
        // Phases webapi and rerun.
        let global = Kit.file("global.webapi.conf", in: directory, webAPI: server.baseURL)
        XCTAssertEqual(runApp(["downtimes", "-c", customer, "-g", global, "-d", "2022-10-27"]).status, 0)
        let sentBody = try JSONParser.parse(Paths.fixtureText("gen2/expected/downtimes-gocdb/webapi.jsonl").split(separator: "\n")[0].description)["body"]
        XCTAssertEqual(api.body("tenant-token", "downtimes", "2022-10-27").map(canonical), sentBody.map(canonical))
        XCTAssertEqual(runApp(["downtimes", "-c", customer, "-g", global, "-d", "2022-10-27"]).status, 0)
        XCTAssertEqual(api.allWrites.map { "\($0.method) \($0.resource)" }, ["POST downtimes"], "a re-run of an unchanged day writes nothing")
    }

    func testDowntimesWithUIDHostnamesAScopeEmptyAndAFailingFeed() throws {
        let gocdb = try downtimesFeed()
        let directory = Kit.directory()
        let customer = Kit.file("downtimes-gocdb.customer.conf", in: directory, feed: gocdb.baseURL)
        let global = Kit.file("global.json.conf", in: directory)
        let text = try String(contentsOfFile: customer, encoding: .utf8)
        try text.replacingOccurrences(of: "TopoUIDServiceEndpoints = False", with: "TopoUIDServiceEndpoints = True\nTopoScope = EGI")
            .write(toFile: customer, atomically: true, encoding: .utf8)
        XCTAssertEqual(runApp(["downtimes", "-c", customer, "-g", global, "-d", "2022-10-27"]).status, 0)
        let records = try JSONParser.parse(try LocalFiles.read(directory.file("out/EGI/downtimes_2022_10_27.json")))
        XCTAssertEqual(records.arrayValue?.compactMap { $0["hostname"]?.stringValue }, ["mock2.foo2_567890G0", "mock3.foo3_11111G0"])
        XCTAssertEqual(gocdb.requests.last?.target, "/gocdbpi/private/?method=get_downtime&scope=EGI&windowstart=2022-10-27&windowend=2022-10-27")
        try text.replacingOccurrences(of: "DowntimesEmpty = False", with: "DowntimesEmpty = True").write(toFile: customer, atomically: true, encoding: .utf8)
        let asked = gocdb.requests.count
        XCTAssertEqual(runApp(["downtimes", "-c", customer, "-g", global, "-d", "2022-10-27"]).status, 0)
        XCTAssertEqual(try String(contentsOfFile: directory.file("out/EGI/downtimes_2022_10_27.json"), encoding: .utf8), "[]")
        XCTAssertEqual(gocdb.requests.count, asked, "DowntimesEmpty fetches nothing")
        let failing = try TestHTTPServer { _ in .init(status: 500, body: "down") }
        try text.replacingOccurrences(of: gocdb.baseURL, with: failing.baseURL).write(toFile: customer, atomically: true, encoding: .utf8)
        let failed = runApp(["downtimes", "-c", customer, "-g", global, "-d", "2022-10-27"])
        XCTAssertEqual(failed.status, 1, failed.output)
        XCTAssertTrue(failed.stderr.contains("ERROR downtimes Customer:EGI "), failed.stderr)
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/downtimes-ok_2022_10_27"), encoding: .utf8), "False")
        XCTAssertEqual(try String(contentsOfFile: directory.file("out/EGI/downtimes_2022_10_27.json"), encoding: .utf8), "[]", "the earlier file stays")
    }

    /// A day without downtimes is a day like any other: `[]` written, `{"endpoints": []}` sent.
    func testDowntimesOfATenantFromAnEmptyFeed() throws {
        let gocdb = try TestHTTPServer { _ in .init(body: "<?xml version=\"1.0\"?>\n<results>\n</results>\n") }
        let api = FakeWebAPI(tokens: ["tenant-token"])
        let server = try TestHTTPServer(handler: api.respond)
        let directory = Kit.directory()
        let customer = Kit.file("downtimes-gocdb.customer.conf", in: directory, feed: gocdb.baseURL)
        let global = filesAndWebAPIGlobal(in: directory, webAPI: server.baseURL)
        let run = runApp(["downtimes", "-c", customer, "-g", global, "-d", "2022-10-27"])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertEqual(try String(contentsOfFile: directory.file("out/EGI/downtimes_2022_10_27.json"), encoding: .utf8), "[]")
        XCTAssertEqual(api.body("tenant-token", "downtimes", "2022-10-27"), .object([("endpoints", .array([]))]))
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/downtimes-ok_2022_10_27"), encoding: .utf8), "True")
    }

    /// A WEB-API that refuses: the job (weights) or the tenant (downtimes) fails, the files are written all the same.
    func testAWebAPIThatRefusesFailsWeightsAndDowntimesOfATenant() throws {
        let gocdb = try downtimesFeed()
        let vapor = try TestHTTPServer { _ in .init(body: Paths.fixtureText("gen2/feed-vapor.json"), contentType: "application/json") }
        let api = FakeWebAPI(tokens: ["tenant-token"])
        api.badRequest = "date: no such tenant day"
        let server = try TestHTTPServer(handler: api.respond)
        let directory = Kit.directory()
        let global = filesAndWebAPIGlobal(in: directory, webAPI: server.baseURL)
        for (connector, file, state) in [("weights-vapor", "out/EGI/EGI_Critical/weights_2022_10_27.json", "state/EGI/EGI_Critical/weights-ok_2022_10_27"),
                                         ("downtimes-gocdb", "out/EGI/downtimes_2022_10_27.json", "state/EGI/downtimes-ok_2022_10_27")] {
            let customer = Kit.file("\(connector).customer.conf", in: directory, feed: connector == "weights-vapor" ? vapor.baseURL : gocdb.baseURL)
            let result = runApp(["-c", customer, "-g", global, "-d", "2022-10-27"], programName: "\(connector)-connector.py")
            XCTAssertEqual(result.status, 1, result.output)
            XCTAssertTrue(result.stderr.contains("HTTP 400 date: no such tenant day"), "\(connector): \(result.stderr)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: directory.file(file)), "\(connector): the file is written regardless")
            XCTAssertEqual(try String(contentsOfFile: directory.file(state), encoding: .utf8), "False", "\(connector): not delivered, so not True")
        }
    }

    // MARK: service-types-gocdb-connector.py

    /// GOCDB answering the kit's service types, and a WEB-API holding the kit's own ones for the day.
    private func serviceTypesPeers() throws -> (TestHTTPServer, FakeWebAPI, TestHTTPServer) {
        let gocdb = try TestHTTPServer { _ in .init(body: Paths.fixtureText("gen2/feed-get_service_types.xml")) }
        let api = FakeWebAPI(tokens: ["tenant-token"])
        // The kit's poem types, held for the day before: a GET of the day answers with them (the closest earlier day).
            api.store("tenant-token", "topology/service-types", "2022-10-26", try Kit.webAPIServiceTypes())
        return (gocdb, api, try TestHTTPServer(handler: api.respond))
    }

    func testServiceTypesOfA231TenantAsTheConformanceRunSentThem() throws {
        let (gocdb, api, server) = try serviceTypesPeers()
        let directory = Kit.directory()
        let customer = Kit.file("service-types-gocdb.customer.conf", in: directory, feed: gocdb.baseURL)
        let json = runApp(["-c", customer, "-g", Kit.file("global.json.conf", in: directory, webAPI: server.baseURL), "-d", "2022-10-27"],
                          programName: "service-types-gocdb-connector.py")
        XCTAssertEqual(json.status, 0, json.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/EGI")), "service types write no file")
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/services-ok_2022_10_27"), encoding: .utf8), "True")
        let global = Kit.file("global.webapi.conf", in: directory, webAPI: server.baseURL)
        XCTAssertEqual(runApp(["service-types", "-c", customer, "-g", global, "-d", "2022-10-27"]).status, 0)
        let sent = Paths.fixtureText("gen2/expected/service-types-gocdb/webapi.jsonl").split(separator: "\n").map { try! JSONParser.parse(String($0)) }
        XCTAssertEqual(sent.map { $0["method"]?.stringValue }, ["GET", "POST"])
        let body = try XCTUnwrap(sent[1]["body"])
        XCTAssertEqual(api.body("tenant-token", "topology/service-types", "2022-10-27"), body,
                       "GOCDB's and the WEB-API's poem types, merged and sorted as 2.3.1 sent them")
        let rerun = runApp(["service-types", "-c", customer, "-g", global, "-d", "2022-10-27"])
        XCTAssertEqual(rerun.status, 0, rerun.output)
        XCTAssertEqual(api.allWrites.map { "\($0.method) \($0.resource)" }, ["POST topology/service-types"],
                       "a re-run of an unchanged day writes nothing (2.3.1 deleted and posted it again)")
        XCTAssertTrue(rerun.stderr.contains("unchanged: the WEB-API held it already"), rerun.stderr)
    }

    func testServiceTypesInitialAFailingAnEmptyFeedAndARefusingWebAPI() throws {
        let (gocdb, api, server) = try serviceTypesPeers()
        let directory = Kit.directory()
        let customer = Kit.file("service-types-gocdb.customer.conf", in: directory, feed: gocdb.baseURL)
        let global = Kit.file("global.webapi.conf", in: directory, webAPI: server.baseURL)
        let initial = runApp(["-c", customer, "-g", global, "-d", "2022-10-27", "--initial"], programName: "service-types-gocdb-connector.py")
        XCTAssertEqual(initial.status, 0, initial.output)
        let names = api.body("tenant-token", "topology/service-types", "2022-10-27")?.arrayValue?.compactMap { $0["name"]?.stringValue }
        XCTAssertEqual(names, ["org.openstack.horizon", "org.openstack.keystone", "org.openstack.nova", "service.type.empty.desc", "SERVICE.TYPE.UPPERCASE"],
                       "GOCDB's alone, sorted by name in any case")
        XCTAssertEqual(api.body("tenant-token", "topology/service-types", "2022-10-27")?.arrayValue?.first?["tags"], .array([.string("topology")]))
        let failing = try TestHTTPServer { _ in .init(status: 500, body: "down") }
        let broken = Kit.file("service-types-gocdb.customer.conf", in: directory, feed: failing.baseURL)
        let failed = runApp(["service-types", "-c", broken, "-g", global, "-d", "2022-10-27"])
        XCTAssertEqual(failed.status, 1, failed.output)
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/services-ok_2022_10_27"), encoding: .utf8), "False")
        let empty = try TestHTTPServer { _ in .init(body: "<?xml version=\"1.0\"?>\n<results>\n</results>\n") }
        let nothing = runApp(["service-types", "-c", Kit.file("service-types-gocdb.customer.conf", in: directory, feed: empty.baseURL), "-g", global,
                              "-d", "2022-10-27"])
        XCTAssertEqual(nothing.status, 1, nothing.output)
        XCTAssertTrue(nothing.stderr.contains("no service type listed: nothing posted, the WEB-API's day kept"), nothing.stderr)
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/services-ok_2022_10_27"), encoding: .utf8), "False")
        let refusing = FakeWebAPI(tokens: ["another-token"])
        let refusingServer = try TestHTTPServer(handler: refusing.respond)
        let healthy = Kit.file("service-types-gocdb.customer.conf", in: directory, feed: gocdb.baseURL)
        let refused = runApp(["service-types", "-c", healthy, "-g", Kit.file("global.webapi.conf", in: directory, webAPI: refusingServer.baseURL),
                              "-d", "2022-10-27"])
        XCTAssertEqual(refused.status, 1, refused.output)
        XCTAssertTrue(refused.stderr.contains("/api/v2/topology/service-types?date=2022-10-27: HTTP 401"), refused.stderr)
    }

    // MARK: topology-gocdb-connector.py

    private func topologyRun(_ gocdb: TestHTTPServer, in directory: TempDirectory, phase: String = "json", webAPI: String = "127.0.0.1:9",
                             editGlobal: (String) -> String = { $0 }, edit: (String) -> String = { $0 }) throws -> (status: Int32, output: String, stderr: String) {
        let customer = Kit.file("topology-gocdb.customer.conf", in: directory, feed: gocdb.baseURL)
        try edit(try String(contentsOfFile: customer, encoding: .utf8)).write(toFile: customer, atomically: true, encoding: .utf8)
        let global = Kit.file("global.\(phase).conf", in: directory, webAPI: webAPI)
        try editGlobal(try String(contentsOfFile: global, encoding: .utf8)).write(toFile: global, atomically: true, encoding: .utf8)
        for file in [customer, global] { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file) }
        let result = runApp(["-c", customer, "-g", global, "-d", "2022-10-27"], programName: "topology-gocdb-connector.py")
        return (result.status, result.output, result.stderr)
    }

    private func writtenTopology(_ directory: TempDirectory, _ kind: String) throws -> JSONValue {
        try JSONParser.parse(try LocalFiles.read(directory.file("out/EGI/group_\(kind)_2022_10_27.json")))
    }

    func testTopologyOfAGocdbTenantAsTheConformanceRunWroteIt() throws {
        let kit = KitGocdb.topology()
        let gocdb = try TestHTTPServer(handler: kit.respond)
        let directory = Kit.directory()
        let run = try topologyRun(gocdb, in: directory)
        XCTAssertEqual(run.status, 0, run.output)
        for kind in ["groups", "endpoints"] {
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory.file("out/EGI/group_\(kind)_2022_10_27.json"))),
                           try Data(contentsOf: Paths.fixture("gen2/expected/topology-gocdb/group_\(kind)_2022_10_27.json")),
                           "group_\(kind) byte for byte as 2.3.1 wrote it")
        }
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/topology-ok_2022_10_27"), encoding: .utf8), "True")
        // The same requests as 2.3.1 (paged by next_cursor), each with the customer's basic auth.
        let asked = Paths.fixtureText("gen2/expected/topology-gocdb/feeds.jsonl").split(separator: "\n").map { try! JSONParser.parse(String($0)) }
        XCTAssertEqual(Set(gocdb.requests.map(\.target)), Set(asked.map { "\($0["path"]!.stringValue!)?\($0["query"]!.stringValue!)" }))
        XCTAssertEqual(gocdb.requests.count, asked.count)
        XCTAssertEqual(Set(gocdb.requests.compactMap { $0.headers["authorization"] }), [asked[0]["headers"]!["Authorization"]!.stringValue!])
    }

    func testTopologyOfAGocdbTenantSentToTheWebAPIAsTheConformanceRunSentIt() throws {
        let kit = KitGocdb.topology()
        let gocdb = try TestHTTPServer(handler: kit.respond)
        let api = FakeWebAPI(tokens: ["tenant-token"])
        let server = try TestHTTPServer(handler: api.respond)
        let directory = Kit.directory()
        let first = try topologyRun(gocdb, in: directory, phase: "webapi", webAPI: server.baseURL)
        XCTAssertEqual(first.status, 0, first.output)
        let sent = Paths.fixtureText("gen2/expected/topology-gocdb/webapi.jsonl").split(separator: "\n").map { try! JSONParser.parse(String($0)) }
        for resource in ["topology/groups", "topology/endpoints"] {
            let body = sent.first { $0["path"]?.stringValue == "/api/v2/\(resource)" }?["body"]
            XCTAssertEqual(api.body("tenant-token", resource, "2022-10-27"), body, "\(resource): 2.3.1's body, keys in its order")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/EGI/group_groups_2022_10_27.json")), "WriteJson = False")
        let rerun = try topologyRun(gocdb, in: directory, phase: "rerun", webAPI: server.baseURL)
        XCTAssertEqual(rerun.status, 0, rerun.output)
        XCTAssertEqual(api.allWrites.map { "\($0.method) \($0.resource)" }, ["POST topology/groups", "POST topology/endpoints"],
                       "a re-run of an unchanged day writes nothing: the GET's notifications without empty contacts are the same records")
        // The WEB-API holding an older version of the day's endpoints: those alone are replaced.
        let endpoints = try XCTUnwrap(api.body("tenant-token", "topology/endpoints", "2022-10-27")?.arrayValue)
        api.store("tenant-token", "topology/endpoints", "2022-10-27", Array(endpoints.dropFirst()))
        XCTAssertEqual(try topologyRun(gocdb, in: directory, phase: "rerun", webAPI: server.baseURL).status, 0)
        XCTAssertEqual(api.allWrites.map { "\($0.method) \($0.resource)" }.dropFirst(2), ["DELETE topology/endpoints", "POST topology/endpoints"])
        XCTAssertEqual(api.body("tenant-token", "topology/endpoints", "2022-10-27")?.arrayValue?.count, 9)
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/topology-ok_2022_10_27"), encoding: .utf8), "True")
        // The day's files (the json phase) against the WEB-API: equal, although a GET lists
        // `notifications` without empty contacts or a false `enabled` (Go's omitempty).
        XCTAssertEqual(try topologyRun(gocdb, in: directory, phase: "json").status, 0)
        let customer = directory.file("topology-gocdb.customer.conf"), global = Kit.file("global.webapi.conf", in: directory, webAPI: server.baseURL)
        let diff = runApp(["diff", "-c", customer, "-g", global, "--kind", "topology", "--date", "2022-10-27", "--webapi"])
        XCTAssertEqual(diff.status, 0, diff.output)
        XCTAssertTrue(diff.stdout.contains("group_endpoints: 0 added, 0 removed, 0 changed, 9 unchanged"), diff.stdout)
    }

    /// UID host names, HonorNotificationFlag off, PassExtensions off: the
    /// records as 2.3.1's rules make them, contacts kept (2.3.1 lost them with UIDs).
    func testTopologyWithUIDHostnamesWithoutTheNotificationFlagOrExtensions() throws {
        let kit = KitGocdb.topology()
        let gocdb = try TestHTTPServer(handler: kit.respond)
        let directory = Kit.directory()
        let run = try topologyRun(gocdb, in: directory, editGlobal: { $0.replacingOccurrences(of: "PassExtensions = True", with: "PassExtensions = False") }) {
            $0.replacingOccurrences(of: "TopoUIDServiceEndpoints = False", with: "TopoUIDServiceEndpoints = True")
                .replacingOccurrences(of: "HonorNotificationFlag = True", with: "HonorNotificationFlag = False")
        }
        XCTAssertEqual(run.status, 0, run.output)
        let endpoints = try XCTUnwrap(try writtenTopology(directory, "endpoints").arrayValue)
        XCTAssertEqual(endpoints.count, 9)
        XCTAssertEqual(JSONWriter.serialize(endpoints[4]), #"{"type": "SITES", "group": "SITE1", "service": "service.type", "hostname": "some.fqdn.com_19G0", "#
            + #""tags": {"scope": "SCOPE1", "monitored": "1", "production": "1", "info_ID": "19G0", "hostname": "some.fqdn.com", "info_URL": "https://service.endpoint.com/url"}, "#
            + #""notifications": {"contacts": ["contact@email.com"], "enabled": true}}"#)
        XCTAssertEqual(JSONWriter.serialize(endpoints[0]), #"{"type": "SITES", "group": "AZ-IFAN", "service": "CREAM-CE", "hostname": "ce.physics.science.az_1555G0", "#
            + #""tags": {"scope": "EGI, wlcg, atlas", "monitored": "1", "production": "1", "info_ID": "1555G0", "hostname": "ce.physics.science.az", "#
            + #""info_HOSTDN": "/DC=ORG/DC=SEE-GRID/O=Hosts/O=Institute of Physics of ANAS/CN=ce.physics.science.az", "#
            + #""info_URL": "ce.physics.science.az:8443/cream-pbs-ops", "info_service_endpoint_URL": "ce.physics.science.az:8443/cream-pbs-ops"}}"#,
                       "no contacts, no flag: no notifications")
        XCTAssertEqual(JSONWriter.serialize(endpoints[7]), #"{"type": "SERVICEGROUPS", "group": "B2FIND-Askeladden", "service": "b2find.ckan", "#
            + #""hostname": "b2find.eudat.eu_830865d4204443428f7172dfc666707a", "tags": {"scope": "", "monitored": "1", "production": "0", "#
            + #""hostname": "b2find.eudat.eu", "info_ID": "830865d4204443428f7172dfc666707a"}}"#, "a service group's tag order")
        let groups = try XCTUnwrap(try writtenTopology(directory, "groups").arrayValue)
        XCTAssertEqual(JSONWriter.serialize(groups[3]), #"{"type": "NGI", "group": "NGI_SK", "subgroup": "TU-Kosice", "#
            + #""tags": {"certification": "Certified", "scope": "EGI", "infrastructure": "Production"}, "notifications": {"contacts": ["contact@lists.tuke.sk"], "enabled": true}}"#)
        XCTAssertEqual(JSONWriter.serialize(groups[0]), #"{"type": "PROJECT", "group": "EGI", "subgroup": "B2FIND-Askeladden", "#
            + #""tags": {"monitored": "0", "scope": "EUDAT"}, "notifications": {"contacts": ["name1.surname1@email.com"], "enabled": true}}"#)
    }

    /// TopoScope appended to the three URLs; ServiceGroups alone (2.3.1 crashed) still read the endpoints' contacts.
    func testTopologyScopedAndServiceGroupsAlone() throws {
        let kit = KitGocdb.topology()
        let gocdb = try TestHTTPServer(handler: kit.respond)
        let directory = Kit.directory()
        let scoped = try topologyRun(gocdb, in: directory, edit: { $0.replacingOccurrences(of: "TopoType = GOCDB", with: "TopoType = GOCDB\nTopoScope = EGI") })
        XCTAssertEqual(scoped.status, 0, scoped.output)
        XCTAssertTrue(gocdb.requests.allSatisfy { $0.target.contains("&scope=EGI&next_cursor=") }, "\(gocdb.requests.map(\.target))")
        XCTAssertEqual(try writtenTopology(directory, "groups").arrayValue?.compactMap { $0["subgroup"]?.stringValue },
                       ["prague_cesnet_lcg2_cert", "TU-Kosice", "IISAS-Bratislava"], "no service group is in scope EGI")
        XCTAssertEqual(try writtenTopology(directory, "endpoints").arrayValue?.compactMap { $0["hostname"]?.stringValue },
                       ["ce.physics.science.az", "aai.egi.eu", "grid13.gsi.de", "arc-ce01.gridpp.rl.ac.uk"], "by site")
        let asked = gocdb.requests.count
        let alone = try topologyRun(gocdb, in: directory, edit: { $0.replacingOccurrences(of: "TopoFetchType = Sites, ServiceGroups", with: "TopoFetchType = ServiceGroups") })
        XCTAssertEqual(alone.status, 0, alone.output)
        XCTAssertEqual(Set(gocdb.requests.dropFirst(asked).compactMap { $0.query["method"] }), ["get_service_group", "get_service_endpoint"])
        XCTAssertEqual(try writtenTopology(directory, "groups").arrayValue?.compactMap { $0["type"]?.stringValue }, ["PROJECT", "PROJECT"])
        XCTAssertEqual(try writtenTopology(directory, "endpoints").arrayValue?.compactMap { $0["type"]?.stringValue }, ["SERVICEGROUPS", "SERVICEGROUPS"])
    }

    func testTopologyOfATenantWithAFailingAnEmptyFeedOrARefusingWebAPI() throws {
        let directory = Kit.directory()
        let failing = try TestHTTPServer { request in
            request.query["method"] == "get_site" ? .init(status: 500, body: "down") : KitGocdb.topology().respond(request)
        }
        let failed = try topologyRun(failing, in: directory)
        XCTAssertEqual(failed.status, 1, failed.output)
        XCTAssertTrue(failed.stderr.contains("ERROR topology Customer:EGI ") && failed.stderr.contains("method=get_site&scope=&next_cursor=0: HTTP 500"),
                      failed.stderr)
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/topology-ok_2022_10_27"), encoding: .utf8), "False")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/EGI/group_endpoints_2022_10_27.json")), "nothing written")
        let empty = try TestHTTPServer { request in
            .init(body: "<?xml version=\"1.0\"?>\n<results>\n<meta><link rel=\"next\" href=\"x?next_cursor=0\"/><count>0</count></meta>\n</results>\n")
        }
        let nothing = try topologyRun(empty, in: directory)
        XCTAssertEqual(nothing.status, 0, nothing.output)
        XCTAssertEqual(try String(contentsOfFile: directory.file("out/EGI/group_groups_2022_10_27.json"), encoding: .utf8), "[]")
        XCTAssertEqual(try String(contentsOfFile: directory.file("out/EGI/group_endpoints_2022_10_27.json"), encoding: .utf8), "[]")
        let kit = KitGocdb.topology()
        let gocdb = try TestHTTPServer(handler: kit.respond)
        let api = FakeWebAPI(tokens: ["tenant-token"])
        api.badRequest = "date: no such tenant day"
        let server = try TestHTTPServer(handler: api.respond)
        let global = filesAndWebAPIGlobal(in: directory, webAPI: server.baseURL)
        let customer = Kit.file("topology-gocdb.customer.conf", in: directory, feed: gocdb.baseURL)
        let refused = runApp(["topology", "-c", customer, "-g", global, "-d", "2022-10-27"])
        XCTAssertEqual(refused.status, 1, refused.output)
        XCTAssertTrue(refused.stderr.contains("HTTP 400 date: no such tenant day"), refused.stderr)
        XCTAssertEqual(try writtenTopology(directory, "endpoints").arrayValue?.count, 9, "the files are written regardless")
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/topology-ok_2022_10_27"), encoding: .utf8), "False")
    }

    /// An entity without a field its record needs is left out and counted,
    /// never a lost feed (2.3.1: a traceback or the whole feed refused).
    func testATenantsEntitiesWithoutARequiredFieldAreLeftOutAndCounted() throws {
        let endpoints = Paths.fixtureText("gen2/feed-get_service_endpoint.xml")
            .replacingOccurrences(of: "<HOSTNAME>grid13.gsi.de</HOSTNAME>", with: "")
            .replacingOccurrences(of: "<URL>https://service.endpoint1.com/url</URL>", with: "")
        let sites = Paths.fixtureText("gen2/feed-get_site.xml").replacingOccurrences(of: "<ROC>NGI_CZ</ROC>", with: "")
        let kit = KitGocdb(["get_site": sites, "get_service_endpoint": endpoints, "get_service_group": Paths.fixtureText("gen2/feed-get_service_group.xml")])
        let gocdb = try TestHTTPServer(handler: kit.respond)
        let directory = Kit.directory()
        let run = try topologyRun(gocdb, in: directory)
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.stderr.contains("WARNING topology Customer:EGI skipped 1 SERVICE_ENDPOINT without HOSTNAME"), run.stderr)
        XCTAssertTrue(run.stderr.contains("WARNING topology Customer:EGI skipped 1 SITE without ROC"), run.stderr)
        let written = try XCTUnwrap(try writtenTopology(directory, "endpoints").arrayValue)
        XCTAssertEqual(written.count, 8)
        XCTAssertFalse(written.contains { $0["tags"]?["info_ID"]?.stringValue == "14G0" })
        let withoutURL = try XCTUnwrap(written.first { $0["tags"]?["info_ID"]?.stringValue == "19G1" })
        XCTAssertNil(withoutURL["tags"]?["info_URL"], "no URL element: no info_URL, the endpoint kept")
        XCTAssertEqual(try writtenTopology(directory, "groups").arrayValue?.compactMap { $0["subgroup"]?.stringValue },
                       ["B2FIND-Askeladden", "B2FIND-UHH", "TU-Kosice", "IISAS-Bratislava"])
    }

    /// A tenant's JSON files are written by a thread of their own: a disk
    /// that fills while group_endpoints is written fails the tenant with the
    /// system's reason, and leaves the earlier files and no temporary one.
    func testADiskFillingWhileATenantsTopologyIsWrittenKeepsTheEarlierFiles() throws {
        let disk = try SmallFilesystem(kilobytes: 256)
        let gocdb = try TestHTTPServer(handler: KitGocdb.topology().respond)
        let directory = Kit.directory()
        let onDisk = { (text: String) in text.replacingOccurrences(of: "OutputDir = \(directory.file("out"))/EGI/", with: "OutputDir = \(disk.path)/EGI/") }
        XCTAssertEqual(try topologyRun(gocdb, in: directory, edit: onDisk).status, 0)
        let endpoints = disk.path + "/EGI/group_endpoints_2022_10_27.json"
        let before = try Data(contentsOf: URL(fileURLWithPath: endpoints))
        disk.fill(leaving: 4)
        let many = (0..<200).map { "  <SERVICE_ENDPOINT PRIMARY_KEY=\"\($0)X\">\n    <HOSTNAME>host\($0).example.org</HOSTNAME>\n    <SERVICE_TYPE>CE</SERVICE_TYPE>\n"
            + "    <NOTIFICATIONS>Y</NOTIFICATIONS>\n    <SITENAME>SITE1</SITENAME>\n    <URL>https://host\($0).example.org/a/long/path/to/fill/the/disk</URL>\n  </SERVICE_ENDPOINT>\n" }
        let large = KitGocdb(["get_site": Paths.fixtureText("gen2/feed-get_site.xml"), "get_service_group": Paths.fixtureText("gen2/feed-get_service_group.xml"),
                              "get_service_endpoint": "<results>\n" + many.joined() + "</results>\n"])
        let largeFeed = try TestHTTPServer(handler: large.respond)
        let full = try topologyRun(largeFeed, in: directory, edit: onDisk)
        XCTAssertEqual(full.status, 1, full.output)
        XCTAssertTrue(full.stderr.contains("No space left on device"), full.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: endpoints)), before)
        XCTAssertEqual(((try? FileManager.default.contentsOfDirectory(atPath: disk.path + "/EGI")) ?? []).filter { $0.contains(".tmp-") }, [])
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/topology-ok_2022_10_27"), encoding: .utf8), "False")
    }

    /// With HonorNotificationFlag, a SITE or SERVICE_ENDPOINT without
    /// NOTIFICATIONS does not notify (2.3.1: KeyError); a service group's
    /// NOTIFY counts when it has no NOTIFICATIONS (2.3.1 meant it to).
    func testNotificationFlagsMissingOrGivenAsNotify() throws {
        // The first of SITE1's two endpoints (some.fqdn.com) loses its NOTIFICATIONS.
        let marker = "<NOTIFICATIONS>Y</NOTIFICATIONS>\n    <SITENAME>SITE1</SITENAME>"
        let pieces = Paths.fixtureText("gen2/feed-get_service_endpoint.xml").components(separatedBy: marker)
        let endpoints = pieces[0] + "<SITENAME>SITE1</SITENAME>" + pieces.dropFirst().joined(separator: marker)
        let sites = Paths.fixtureText("gen2/feed-get_site.xml").replacingOccurrences(of: "<NOTIFICATIONS>TRUE</NOTIFICATIONS>", with: "")
        let groups = Paths.fixtureText("gen2/feed-get_service_group.xml")
            .replacingOccurrences(of: "<MONITORED>False</MONITORED>\n  <CONTACT_EMAIL>name1", with: "<MONITORED>False</MONITORED>\n  <NOTIFY>Y</NOTIFY>\n  <CONTACT_EMAIL>name1")
        let kit = KitGocdb(["get_site": sites, "get_service_endpoint": endpoints, "get_service_group": groups])
        let gocdb = try TestHTTPServer(handler: kit.respond)
        let directory = Kit.directory()
        XCTAssertEqual(try topologyRun(gocdb, in: directory).status, 0)
        let enabled = { (records: [JSONValue], key: String, value: String) in
            records.filter { $0[key]?.stringValue == value }.compactMap { $0["notifications"]?["enabled"] }
        }
        let written = try XCTUnwrap(try writtenTopology(directory, "endpoints").arrayValue)
        XCTAssertEqual(enabled(written, "hostname", "some.fqdn.com"), [.bool(false)], "no NOTIFICATIONS: not notified, contacts kept")
        XCTAssertEqual(written.first { $0["hostname"]?.stringValue == "some.fqdn.com" }?["notifications"]?["contacts"], .array([.string("contact@email.com")]))
        XCTAssertEqual(enabled(written, "hostname", "some.fqdn1.com"), [.bool(true)])
        let groupRecords = try XCTUnwrap(try writtenTopology(directory, "groups").arrayValue)
        XCTAssertEqual(enabled(groupRecords, "subgroup", "TU-Kosice"), [.bool(false)])
        XCTAssertEqual(enabled(groupRecords, "subgroup", "B2FIND-Askeladden"), [.bool(true)], "NOTIFY = Y")
        XCTAssertEqual(enabled(groupRecords, "subgroup", "B2FIND-UHH"), [.bool(false)], "neither: not notified")
    }

    /// The shrink guard holds for a tenant's topology: a feed that suddenly
    /// lists far fewer endpoints is refused, the earlier files kept.
    func testTheShrinkGuardKeepsATenantsTopologyThatCollapses() throws {
        var collapsed = false
        let lock = NSLock()
        let gocdb = try TestHTTPServer { request in
            lock.lock()
            defer { lock.unlock() }
            if collapsed, request.query["method"] == "get_service_endpoint" {
                return .init(body: "<results>\n<meta><link rel=\"next\" href=\"x?next_cursor=0\"/><count>0</count></meta>\n</results>\n")
            }
            return KitGocdb.topology().respond(request)
        }
        let directory = Kit.directory()
        XCTAssertEqual(try topologyRun(gocdb, in: directory).status, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: directory.file("out/EGI/group_endpoints_2022_10_27.json")))
        lock.lock()
        collapsed = true
        lock.unlock()
        let refused = try topologyRun(gocdb, in: directory)
        XCTAssertEqual(refused.status, 1, refused.output)
        XCTAssertTrue(refused.stderr.contains("refused, nothing written or published; earlier files kept"), refused.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory.file("out/EGI/group_endpoints_2022_10_27.json"))), before)
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/topology-ok_2022_10_27"), encoding: .utf8), "False")
    }

    func testATenantsTopologyFeedsMustBeThoseItsFetchTypeNeeds() throws {
        let directory = Kit.directory()
        let customer = Kit.file("topology-gocdb.customer.conf", in: directory)
        try String(contentsOfFile: customer, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("TopoFeedServiceEndpoints") }
            .joined(separator: "\n").write(toFile: customer, atomically: true, encoding: .utf8)
        let global = Kit.file("global.json.conf", in: directory)
        let checked = runApp(["validate-config", "-c", customer, "-g", global])
        XCTAssertEqual(checked.status, 1, checked.output)
        XCTAssertTrue(checked.output.contains("\(customer):14: [CUSTOMER_EGI] TopoFetchType = Sites, ServiceGroups needs TopoFeedServiceEndpoints, which the section lacks"),
                      checked.output)
        let run = runApp(["topology", "-c", customer, "-g", global, "-d", "2022-10-27"])
        XCTAssertEqual(run.status, 1, run.output)
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/topology-ok_2022_10_27"), encoding: .utf8), "False")
    }

    // MARK: BDII

    /// Two endpoints on a storage host (its SRM and its webdav), beside the kit's.
    private func gocdbWithAStorageHost() throws -> TestHTTPServer {
        let storage = ["SRM", "webdav"].enumerated().map { index, service in
            "  <SERVICE_ENDPOINT PRIMARY_KEY=\"90\(index)G0\">\n    <PRIMARY_KEY>90\(index)G0</PRIMARY_KEY>\n    <HOSTNAME>se01.example.org</HOSTNAME>\n"
                + "    <SERVICE_TYPE>\(service)</SERVICE_TYPE>\n    <IN_PRODUCTION>Y</IN_PRODUCTION>\n    <NODE_MONITORED>Y</NODE_MONITORED>\n"
                + "    <NOTIFICATIONS>N</NOTIFICATIONS>\n    <SITENAME>SITE-A</SITENAME>\n    <URL />\n    <ENDPOINTS />\n"
                + "    <SCOPES>\n      <SCOPE>EGI</SCOPE>\n    </SCOPES>\n    <EXTENSIONS />\n  </SERVICE_ENDPOINT>\n"
        }.joined()
        let endpoints = Paths.fixtureText("gen2/feed-get_service_endpoint.xml").replacingOccurrences(of: "</results>", with: storage + "</results>")
        let kit = KitGocdb(["get_site": Paths.fixtureText("gen2/feed-get_site.xml"), "get_service_endpoint": endpoints,
                            "get_service_group": Paths.fixtureText("gen2/feed-get_service_group.xml")])
        return try TestHTTPServer(handler: kit.respond)
    }

    private func bdiiOptions(port: Int) -> String {
        """
        BDII = True
        BDIIHost = 127.0.0.1
        BDIIPort = \(port)
        BDIIQueryBase = o=grid
        BDIIQueryFilterSRM = (&(objectClass=GlueService)(|(GlueServiceType=srm_v1)(GlueServiceType=srm)))
        BDIIQueryAttributesSRM = GlueServiceEndpoint
        BDIIQueryFilterSEPATH = (objectClass=GlueSATop)
        BDIIQueryAttributesSEPATH = GlueVOInfoAccessControlBaseRule GlueVOInfoPath
        """
    }

    static let bdiiEntries = """
        dn: Mds-Vo-name=local,o=grid
        objectClass: MDS
        Mds-Vo-name: local

        dn: Mds-Vo-name=SITE-A,Mds-Vo-name=local,o=grid
        objectClass: MDS
        Mds-Vo-name: SITE-A

        dn: GlueServiceUniqueID=httpg://se01.example.org:8446/srm/managerv2,Mds-Vo-name=SITE-A,Mds-Vo-name=local,o=grid
        objectClass: GlueService
        GlueServiceUniqueID: httpg://se01.example.org:8446/srm/managerv2
        GlueServiceType: SRM
        GlueServiceEndpoint: httpg://se01.example.org:8446/srm/managerv2

        dn: GlueServiceUniqueID=httpg://other.example.org:8443/srm/managerv2,Mds-Vo-name=SITE-A,Mds-Vo-name=local,o=grid
        objectClass: GlueService
        GlueServiceUniqueID: httpg://other.example.org:8443/srm/managerv2
        GlueServiceType: srm_v1
        GlueServiceEndpoint: httpg://other.example.org:8443/srm/managerv2

        dn: GlueServiceUniqueID=se01.example.org-webdav,Mds-Vo-name=SITE-A,Mds-Vo-name=local,o=grid
        objectClass: GlueService
        GlueServiceUniqueID: se01.example.org-webdav
        GlueServiceType: webdav
        GlueServiceEndpoint: https://se01.example.org:443/webdav

        dn: GlueSEUniqueID=se01.example.org,Mds-Vo-name=SITE-A,Mds-Vo-name=local,o=grid
        objectClass: GlueSE
        GlueSEUniqueID: se01.example.org

        dn: GlueSALocalID=pool,GlueSEUniqueID=se01.example.org,Mds-Vo-name=SITE-A,Mds-Vo-name=local,o=grid
        objectClass: GlueSATop
        GlueSALocalID: pool

        dn: GlueVOInfoLocalID=ops,GlueSALocalID=pool,GlueSEUniqueID=se01.example.org,Mds-Vo-name=SITE-A,Mds-Vo-name=local,o=grid
        objectClass: GlueSATop
        GlueVOInfoLocalID: ops
        GlueVOInfoAccessControlBaseRule: ops
        GlueVOInfoAccessControlBaseRule: VO:ops dteam
        GlueVOInfoPath: /dpm/example.org/home/ops

        dn: GlueVOInfoLocalID=ops-again,GlueSALocalID=pool,GlueSEUniqueID=se01.example.org,Mds-Vo-name=SITE-A,Mds-Vo-name=local,o=grid
        objectClass: GlueSATop
        GlueVOInfoLocalID: ops-again
        GlueVOInfoAccessControlBaseRule: VO:atlas
        GlueVOInfoPath: /dpm/example.org/home/ops

        dn: GlueVOInfoLocalID=biomed,GlueSALocalID=pool,GlueSEUniqueID=se01.example.org,Mds-Vo-name=SITE-A,Mds-Vo-name=local,o=grid
        objectClass: GlueSATop
        GlueVOInfoLocalID: biomed
        GlueVOInfoAccessControlBaseRule: VOMS:/biomed/Role=production
        GlueVOInfoAccessControlBaseRule: VO:biomed
        GlueVOInfoPath: /dpm/example.org/home/biomed


        """

    /// BDII = True against a real slapd: the SRM port on the host's SRM
    /// endpoint, each VO's storage path on every endpoint of the host.
    func testBDIISRMPortsAndStoragePathsFromARealSlapd() throws {
        try XCTSkipUnless(TestSlapd.isInstalled, "slapd is not installed (make test installs it)")
        let slapd = try TestSlapd(entries: Self.bdiiEntries)
        let gocdb = try gocdbWithAStorageHost()
        let directory = Kit.directory()
        let run = try topologyRun(gocdb, in: directory, edit: { $0.replacingOccurrences(of: "TopoType = GOCDB", with: "TopoType = GOCDB\n" + self.bdiiOptions(port: slapd.port)) })
        XCTAssertEqual(run.status, 0, run.output)
        let endpoints = try XCTUnwrap(try writtenTopology(directory, "endpoints").arrayValue)
        let storage = endpoints.filter { $0["hostname"]?.stringValue == "se01.example.org" }
        XCTAssertEqual(storage.map { JSONWriter.serialize($0["tags"]!) }, [
            #"{"scope": "EGI", "monitored": "1", "production": "1", "info_ID": "900G0", "info_bdii_SRM2_PORT": "8446", "#
                + #""vo_biomed_attr_SE_PATH": "/dpm/example.org/home/biomed", "#
                + #""vo_ops_attr_SE_PATH": "/dpm/example.org/home/ops", "vo_dteam_attr_SE_PATH": "/dpm/example.org/home/ops"}"#,
            #"{"scope": "EGI", "monitored": "1", "production": "1", "info_ID": "901G0", "#
                + #""vo_biomed_attr_SE_PATH": "/dpm/example.org/home/biomed", "#
                + #""vo_ops_attr_SE_PATH": "/dpm/example.org/home/ops", "vo_dteam_attr_SE_PATH": "/dpm/example.org/home/ops"}"#,
        ], "the SRM port on SRM only; storage areas in DN order; a path seen on the host already (ops-again's, for atlas) not again")
        XCTAssertEqual(endpoints.filter { JSONWriter.serialize($0["tags"]!).contains("bdii") || JSONWriter.serialize($0["tags"]!).contains("SE_PATH") }.count, 2,
                       "no other endpoint is touched")
    }

    /// Issue #31, point 5: a BDII value beyond 64 KiB is no BDII value: the tenant's topology fails, nothing written.
    func testABDIIValueBeyondTheLimitFailsTheTenantsTopology() throws {
        try XCTSkipUnless(TestSlapd.isInstalled, "slapd is not installed (make test installs it)")
        let huge = String(repeating: "x", count: 100 << 10)
        let slapd = try TestSlapd(entries: Self.bdiiEntries.replacingOccurrences(of: "GlueVOInfoPath: /dpm/example.org/home/biomed",
                                                                                 with: "GlueVOInfoPath: /dpm/\(huge)"))
        let gocdb = try gocdbWithAStorageHost()
        let directory = Kit.directory()
        let run = try topologyRun(gocdb, in: directory, edit: { $0.replacingOccurrences(of: "TopoType = GOCDB", with: "TopoType = GOCDB\n" + self.bdiiOptions(port: slapd.port)) })
        XCTAssertEqual(run.status, 1, run.output)
        XCTAssertTrue(run.stderr.contains("GlueVOInfoPath of GlueVOInfoLocalID=biomed,"), run.stderr)
        XCTAssertTrue(run.stderr.contains("is 102405 bytes, more than 64 KiB: not a BDII value"), run.stderr)
        XCTAssertFalse(run.stderr.contains("attempt 1 of"), "a content error is not asked again: \(run.stderr)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/EGI/group_endpoints_2022_10_27.json")), "nothing written")
    }

    /// Issue #31, point 5: a BDII that accepts and never answers: its searches, attempts and waits end within TransferTimeout.
    func testASilentBDIIIsCutByTransferTimeout() throws {
        let silent = try TestHTTPServer { _ in .init(body: "") }  // reads an HTTP request that an LDAP bind never completes
        let gocdb = try gocdbWithAStorageHost()
        let directory = Kit.directory()
        let run = try topologyRun(gocdb, in: directory,
                                  // Timeout = 20 and Retry = 2 (three attempts, a minute) in the kit's file: TransferTimeout ends it after 3 s.
                                  editGlobal: { $0.replacingOccurrences(of: "[Connection]", with: "[Connection]\nTransferTimeout = 3") },
                                  edit: { $0.replacingOccurrences(of: "TopoType = GOCDB", with: "TopoType = GOCDB\n" + self.bdiiOptions(port: silent.port)) })
        XCTAssertEqual(run.status, 1, run.output)
        XCTAssertTrue(run.stderr.contains("the BDII searches took longer than [Connection] TransferTimeout (3 s)"), run.stderr)
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/topology-ok_2022_10_27"), encoding: .utf8), "False")
    }

    /// Issue #28, as upstream devel decided: a BDII search that finds nothing fails the tenant's topology cleanly.
    func testABDIISearchThatFindsNothingFailsTheTenantsTopology() throws {
        try XCTSkipUnless(TestSlapd.isInstalled, "slapd is not installed (make test installs it)")
        let slapd = try TestSlapd(entries: Self.bdiiEntries)
        let gocdb = try gocdbWithAStorageHost()
        let directory = Kit.directory()
        let run = try topologyRun(gocdb, in: directory, edit: {
            $0.replacingOccurrences(of: "TopoType = GOCDB", with: "TopoType = GOCDB\n" + self.bdiiOptions(port: slapd.port)
                .replacingOccurrences(of: "(objectClass=GlueSATop)", with: "(objectClass=GlueNothing)"))
        })
        XCTAssertEqual(run.status, 1, run.output)
        XCTAssertTrue(run.stderr.contains("ldap://127.0.0.1:\(slapd.port)/: the BDII search (objectClass=GlueNothing) under o=grid found no entry"), run.stderr)
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/topology-ok_2022_10_27"), encoding: .utf8), "False")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/EGI/group_endpoints_2022_10_27.json")), "nothing written")
    }

    func testBDIIThatIsDownFailsTheTenantsTopology() throws {
        let gocdb = try gocdbWithAStorageHost()
        let closed = try TestHTTPServer { _ in .init(body: "") }
        let port = closed.port
        closed.stop()
        let directory = Kit.directory()
        let run = try topologyRun(gocdb, in: directory, edit: { $0.replacingOccurrences(of: "TopoType = GOCDB", with: "TopoType = GOCDB\n" + self.bdiiOptions(port: port)) })
        XCTAssertEqual(run.status, 1, run.output)
        XCTAssertTrue(run.stderr.contains("ldap://127.0.0.1:\(port)/: anonymous bind: Can't contact LDAP server (after 2 attempts)"), run.output)
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/topology-ok_2022_10_27"), encoding: .utf8), "False")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/EGI/group_endpoints_2022_10_27.json")))
    }
}
