import XCTest
@testable import ArgoCLI
@testable import ArgoConnectors
@testable import ArgoModel
@testable import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

final class WeightsTests: XCTestCase {
    private func run(_ body: String, status: Int = 200) throws -> (RunResult, TempDirectory) {
        let server = try TestHTTPServer { _ in .init(status: status, body: body, contentType: "application/json") }
        let directory = TempDirectory()
        let feed = "WeightsFeed = \(server.baseURL)/vapor/downloadLavoisier/option/json/view/VAPOR_Ngi_Sites_Info"
        let customer = customerConf(jobs: [("JOB_A", "A", feed), ("JOB_B", "B", feed)])
        let result = runApp(["weights", "-d", "2026-11-28"] + ConfigFiles(in: directory, customers: customer).write())
        XCTAssertLessThanOrEqual(server.requests.count, 3)
        return (result, directory)
    }

    func testNumbersAndStringsPassThroughUnchanged() throws {
        let body = """
        [{"ngi": "NGI_DE", "site": [{"id": "B-SITE", "ComputationPower": 30414.559999999998, "HEPSPEC2006": "1"},
                                    {"id": "A-SITE", "ComputationPower": "1234.5"}]},
         {"ngi": "NGI_IT", "site": [{"id": "C-SITE", "ComputationPower": 1e3}, {"id": "D-SITE"}, {"id": "E-SITE", "ComputationPower": null}]},
         {"ngi": "NGI_HR", "site": [{"id": "A-SITE", "ComputationPower": 7}]}]
        """
        let (result, directory) = try run(body)
        XCTAssertEqual(result.status, 0, result.output)
        let expected = [
            #"{"type": "computationpower", "site": "A-SITE", "weight": "7"}"#,
            #"{"type": "computationpower", "site": "B-SITE", "weight": "30414.559999999998"}"#,
            #"{"type": "computationpower", "site": "C-SITE", "weight": "1e3"}"#,
            #"{"type": "computationpower", "site": "D-SITE", "weight": "0"}"#,
            #"{"type": "computationpower", "site": "E-SITE", "weight": "0"}"#,
        ]
        XCTAssertEqual(avroLines(directory.file("out/A/weights_2026_11_28.avro")), expected)
        XCTAssertEqual(avroLines(directory.file("out/B/weights_2026_11_28.avro")), expected)
        XCTAssertTrue(result.stderr.contains("NGI NGI_IT site D-SITE has no ComputationPower; weight 0"), result.stderr)
        XCTAssertTrue(result.stderr.contains("site A-SITE is listed more than once (NGI NGI_HR); keeping 7, not 1234.5"), result.stderr)
        XCTAssertEqual(result.stderr.components(separatedBy: "D-SITE has no ComputationPower").count, 2, "one warning per site, not per job")
    }

    func testMalformedJSONFailsTheFeed() throws {
        let (result, directory) = try run(#"[{"ngi": "NGI_DE", "site": [{"id": "A", "#)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("ERROR weights Customer:EGI Job:JOB_A"), result.stderr)
        XCTAssertTrue(result.stderr.contains("invalid JSON at byte"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/A")))
    }

    func testWrongShapeSaysWhatWasExpectedWhere() throws {
        for (body, message) in [(#"{"ngi": "x"}"#, "expected an array, found object"),
                                (#"[{"ngi": "NGI_DE", "site": {"id": "A"}}]"#, "[0].site: expected an array, found object"),
                                (#"[{"ngi": "NGI_DE", "site": [{"name": "A"}]}]"#, "[0].site[0]: missing \"id\""),
                                (#"[{"ngi": "NGI_DE", "site": [{"id": "A", "ComputationPower": [1]}]}]"#, "[0].site[0].ComputationPower: expected a number or string, found array")] {
            let (result, _) = try run(body)
            XCTAssertEqual(result.status, 1, body)
            XCTAssertTrue(result.stderr.contains(message), "\(message) in \(result.stderr)")
        }
    }
}

final class PoemTests: XCTestCase {
    static func profile(_ name: String, vo: String = "ops", metrics: [(String, String)]) -> String {
        let items = metrics.map { #"{"service_flavour": "\#($0.0)", "metric": "\#($0.1)", "extra": 1}"# }.joined(separator: ", ")
        return #"{"name": "\#(name)", "description": "d", "vo": "\#(vo)", "metric_instances": [\#(items)]}"#
    }

    /// A POEM that wants `x-api-key: token` and knows the given profiles.
    private func poem(token: String = "poem-token", profiles: [String: String], failFirst: Int = 0) throws -> TestHTTPServer {
        let counter = Counter()
        return try TestHTTPServer { request in
            if counter.next() <= failFirst { return .init(status: 503, body: "busy") }
            guard request.headers["x-api-key"] == token else {
                return .init(status: 401, body: #"{"detail": "Authentication credentials were not provided."}"#, contentType: "application/json")
            }
            let name = String(request.path.split(separator: "/").last ?? "")
            guard request.path.hasPrefix("/poem/api/v2/profiles/"), let body = profiles[name] else {
                return .init(status: 404, body: #"{"detail": "Profile not found."}"#, contentType: "application/json")
            }
            return .init(body: body, contentType: "application/json")
        }
    }

    private func run(_ server: TestHTTPServer, jobs: String, globalToken: String? = "poem-token", customerExtra: String = "",
                     retry: String = "2") -> (RunResult, TempDirectory) {
        let directory = TempDirectory()
        var files = ConfigFiles(in: directory, customers: "[CUSTOMER_EGI]\nName = EGI\nOutputDir = @OUT@\n\(customerExtra)" + jobs)
        files.set("Authentication", "PoemToken", globalToken)
        files.set("Connection", "Retry", retry)
        return (runApp(["poem", "-d", "2026-11-28"] + files.write()), directory)
    }

    private func job(_ name: String, _ profiles: String, vo: String = "ops", host: String) -> String {
        "\n[\(name)]\nDirname = \(name)\nProfiles = \(profiles)\nPoemNamespace = ch.cern.SAM\nPoemServerHost = \(host)\nPoemServerVO = \(vo)\n"
    }

    let critical = PoemTests.profile("ARGO_MON_CRITICAL", metrics: [("SRM", "org.sam.SRM-Put"), ("ARC-CE", "org.nordugrid.ARC-CE-ARIS"), ("SRM", "org.sam.SRM-Get"), ("SRM", "org.sam.SRM-Put")])
    let fedcloud = PoemTests.profile("FEDCLOUD", metrics: [("org.openstack.nova", "eu.egi.cloud.OpenStack-VM")])

    func testTwoProfilesWithTokenDedupedAndSorted() throws {
        let server = try poem(profiles: ["ARGO_MON_CRITICAL": critical, "FEDCLOUD": fedcloud])
        let jobs = "Jobs = JOB_A, JOB_B, JOB_NONE\n" + job("JOB_A", "ARGO_MON_CRITICAL, FEDCLOUD", host: server.baseURL)
            + job("JOB_B", "FEDCLOUD", host: server.baseURL) + "\n[JOB_NONE]\nDirname = NONE\n"
        let (result, directory) = run(server, jobs: jobs)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(avroLines(directory.file("out/JOB_A/poem_sync_2026_11_28.avro")), [
            #"{"profile": "ch.cern.SAM.ARGO_MON_CRITICAL", "service": "ARC-CE", "metric": "org.nordugrid.ARC-CE-ARIS", "tags": {"vo": "ops"}}"#,
            #"{"profile": "ch.cern.SAM.ARGO_MON_CRITICAL", "service": "SRM", "metric": "org.sam.SRM-Get", "tags": {"vo": "ops"}}"#,
            #"{"profile": "ch.cern.SAM.ARGO_MON_CRITICAL", "service": "SRM", "metric": "org.sam.SRM-Put", "tags": {"vo": "ops"}}"#,
            #"{"profile": "ch.cern.SAM.FEDCLOUD", "service": "org.openstack.nova", "metric": "eu.egi.cloud.OpenStack-VM", "tags": {"vo": "ops"}}"#,
        ])
        XCTAssertEqual(server.requests.map(\.path).sorted(), ["/poem/api/v2/profiles/ARGO_MON_CRITICAL", "/poem/api/v2/profiles/FEDCLOUD"],
                       "the same server and profile are asked once")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/NONE")), "a job without Profiles gets no poem file")
        XCTAssertFalse(result.output.contains("poem-token"))
    }

    func testWithoutTheTokenPoemRefusesAndTheJobFails() throws {
        let server = try poem(profiles: ["FEDCLOUD": fedcloud])
        let (result, directory) = run(server, jobs: "Jobs = JOB_A\n" + job("JOB_A", "FEDCLOUD", host: server.baseURL), globalToken: nil)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("profiles not available: FEDCLOUD (\(server.baseURL)/poem/api/v2/profiles/FEDCLOUD: HTTP 401"), result.stderr)
        XCTAssertEqual(server.requests.count, 1, "401 is not retried")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/JOB_A")))
    }

    func testAMissingProfileFailsTheWholeJobOnly() throws {
        let server = try poem(profiles: ["ARGO_MON_CRITICAL": critical, "FEDCLOUD": fedcloud])
        let jobs = "Jobs = JOB_A, JOB_B\n" + job("JOB_A", "ARGO_MON_CRITICAL, NO_SUCH", host: server.baseURL) + job("JOB_B", "FEDCLOUD", host: server.baseURL)
        let (result, directory) = run(server, jobs: jobs)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("Job:JOB_A Poem: nothing written: profiles not available: NO_SUCH ("), result.stderr)
        XCTAssertTrue(result.stderr.contains("HTTP 404"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/JOB_A")), "no partial profile file")
        XCTAssertEqual(avroLines(directory.file("out/JOB_B/poem_sync_2026_11_28.avro")).count, 1)
    }

    func testAProfileOfAnotherVOFailsTheJob() throws {
        let server = try poem(profiles: ["BIOMED": PoemTests.profile("BIOMED", vo: "biomed", metrics: [("CE", "m")])])
        let (result, _) = run(server, jobs: "Jobs = JOB_A\n" + job("JOB_A", "BIOMED", vo: "ops, dteam", host: server.baseURL))
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("BIOMED (its VO biomed is not among PoemServerVO ops, dteam)"), result.stderr)
        let (accepted, _) = run(server, jobs: "Jobs = JOB_A\n" + job("JOB_A", "BIOMED", vo: "ops, biomed", host: server.baseURL))
        XCTAssertEqual(accepted.status, 0, accepted.output)
    }

    func testMalformedProfileFailsTheJob() throws {
        let server = try poem(profiles: ["BAD": #"{"name": "BAD", "vo": "ops", "metric_instances": [{"service_flavour": 3}]}"#])
        let (result, _) = run(server, jobs: "Jobs = JOB_A\n" + job("JOB_A", "BAD", host: server.baseURL))
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("metric_instances[0].service_flavour: expected a string, found number"), result.stderr)
    }

    func testTheCustomersTokenOverridesTheGlobalOne() throws {
        let server = try poem(token: "customer-token", profiles: ["FEDCLOUD": fedcloud])
        let (result, _) = run(server, jobs: "Jobs = JOB_A\n" + job("JOB_A", "FEDCLOUD", host: server.baseURL),
                              customerExtra: "AuthenticationPoemToken = customer-token\n")
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(server.requests.first?.headers["x-api-key"], "customer-token")
        XCTAssertFalse(result.output.contains("customer-token"))
    }

    func testServiceUnavailableThenSuccessIsRetried() throws {
        let server = try poem(profiles: ["FEDCLOUD": fedcloud], failFirst: 1)
        let (result, _) = run(server, jobs: "Jobs = JOB_A\n" + job("JOB_A", "FEDCLOUD", host: server.baseURL))
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(server.requests.count, 2)
        XCTAssertTrue(result.stderr.contains("HTTP 503: busy; attempt 1 of 3"), result.stderr)
    }

    func testHostWithoutSchemeMeansHTTPS() {
        XCTAssertEqual(BaseURL.normalized("poem.egi.eu"), "https://poem.egi.eu")
        XCTAssertEqual(BaseURL.normalized("http://127.0.0.1:8080/"), "http://127.0.0.1:8080")
        XCTAssertEqual(PoemConnector.profileURL(server: "https://poem.egi.eu", profile: "A B"), "https://poem.egi.eu/poem/api/v2/profiles/A%20B")
        XCTAssertEqual(PoemConnector.profileURL(server: "file:///srv/poem", profile: "X"), "file:///srv/poem/X.json")
    }
}
