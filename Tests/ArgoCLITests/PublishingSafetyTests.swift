import Foundation
import XCTest
import ArgoCLI
import ArgoConnectors
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #18, points 1-6: the WEB-API never loses or fakes a day.
extension WebAPITests {
    private static let day = "2026-11-28"

    private func publish(_ connector: String, _ args: [String], cancellation: Cancellation = Cancellation()) -> RunResult {
        runApp([connector, "-d", Self.day] + args, cancellation: cancellation)
    }

    /// A first run's topology on the WEB-API, and the config that made it.
    /// (the fake WEB-API, what must stay alive, the arguments, the day as published)
    private func publishedDay() throws -> (FakeWebAPI, [AnyObject], [String], [String: [String]]) {
        let api = FakeWebAPI(tokens: [Self.token])
        let (server, gocdb) = (try TestHTTPServer(handler: api.respond), try Self.gocdb())
        let directory = TempDirectory()
        var args = config(directory, gocdb: gocdb, webAPI: server)
        args = withRetry(0, args)
        XCTAssertEqual(publish("topology", args).status, 0)
        XCTAssertEqual(publish("downtimes", args).status, 0)
        let before = Dictionary(uniqueKeysWithValues: ["topology/groups", "topology/endpoints", "downtimes"].map {
            ($0, strings(api.body(Self.token, $0, Self.day).map { $0["endpoints"] ?? $0 }))
        })
        XCTAssertEqual(before["topology/endpoints"]?.count, 5)
        ageTheDay(api)
        return (api, [directory, server, gocdb], args, day(api))
    }

    /// Makes the WEB-API's day an older version, as an earlier run of
    /// another feed left it (a re-run of an unchanged day writes nothing):
    /// the last group and endpoint gone, the downtimes ending at 09:00.
    private func ageTheDay(_ api: FakeWebAPI) {
        for resource in ["topology/groups", "topology/endpoints"] {
            guard let records = api.body(Self.token, resource, Self.day)?.arrayValue else { continue }
            api.store(Self.token, resource, Self.day, Array(records.dropLast()))
        }
        guard let downtimes = api.body(Self.token, "downtimes", Self.day)?["endpoints"]?.arrayValue else { return }
        api.store(Self.token, "downtimes", Self.day, downtimes.map { record in
            .object((record.objectMembers ?? []).map { $0.0 == "end_time" ? ($0.0, .string("2026-11-28T09:00:00Z")) : $0 })
        })
    }

    private func withRetry(_ retries: Int, _ args: [String]) -> [String] {
        let global = args[3]
        let text = (try? String(contentsOfFile: global, encoding: .utf8)) ?? ""
        try? text.replacingOccurrences(of: "Retry = 2", with: "Retry = \(retries)").write(toFile: global, atomically: true, encoding: .utf8)
        return args
    }

    private func day(_ api: FakeWebAPI) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: ["topology/groups", "topology/endpoints", "downtimes"].map {
            ($0, strings(api.body(Self.token, $0, Self.day).map { $0["endpoints"] ?? $0 }))
        })
    }

    /// Point 1: POST → 409 → DELETE → the new POST fails: the day is put back.
    func testAReplacementThatFailsHalfWayPutsTheDayBack() throws {
        let (api, alive, args, before) = try publishedDay()
        defer { withExtendedLifetime(alive) {} }
        for resource in ["topology/endpoints", "downtimes"] {
            api.faults["POST \(resource)"] = [409, 500]  // the re-run's POST, then the one after DELETE
            let rerun = publish(resource == "downtimes" ? "downtimes" : "topology", args)
            XCTAssertEqual(rerun.status, 1, rerun.output)
            XCTAssertTrue(rerun.stderr.contains("WEB-API refused POST \(resource): HTTP 500"), rerun.stderr)
            XCTAssertTrue(rerun.stderr.contains("are back as they were"), "one line says what the WEB-API holds: \(rerun.stderr)")
            XCTAssertEqual(day(api), before, "nothing lost after a failed \(resource)")
        }
        // A fault injected for a 409 does not store; the real 409s come from the stored day.
        XCTAssertTrue(api.allWrites.contains { $0.method == "DELETE" && $0.resource == "topology/endpoints" })
    }

    /// Point 1: when putting the day back fails too, the error says the day may be incomplete, never that it is fine.
    func testAFailedPutBackSaysTheDayMayBeIncomplete() throws {
        let (api, alive, args, _) = try publishedDay()
        defer { withExtendedLifetime(alive) {} }
        api.faults["POST downtimes"] = [409, 500, 503]  // the re-run's POST, the one after DELETE, the putting back
        let rerun = publish("downtimes", args)
        XCTAssertEqual(rerun.status, 1, rerun.output)
        XCTAssertTrue(rerun.stderr.contains("WEB-API refused putting back downtimes: HTTP 503"), rerun.stderr)
        XCTAssertTrue(rerun.stderr.contains("the WEB-API's downtimes of 2026-11-28 may be incomplete or mixed"), rerun.stderr)
        XCTAssertTrue(rerun.stderr.contains("run again to replace the day"), rerun.stderr)
        XCTAssertFalse(rerun.stderr.contains("back as they were"), rerun.stderr)
        XCTAssertEqual(publish("downtimes", args).status, 0, "the advised re-run mends the day")
    }

    /// Point 1: SIGTERM while the new POST is in flight: the day is put back all the same.
    func testASignalDuringTheReplacingPostPutsTheDayBack() throws {
        let (api, alive, args, before) = try publishedDay()
        defer { withExtendedLifetime(alive) {} }
        let cancellation = Cancellation()
        var deleted = false
        api.onRequest = { request in
            if request.method == "DELETE" { deleted = true }
            if request.method == "POST", deleted, !cancellation.isCancelled {
                cancellation.cancel(signal: SIGTERM)
                Thread.sleep(forTimeInterval: 2.5)  // the client gives up on this request meanwhile
            }
        }
        let rerun = publish("topology", args, cancellation: cancellation)
        XCTAssertEqual(rerun.status, 1, rerun.output)
        XCTAssertTrue(rerun.stderr.contains("interrupted by SIGTERM"), rerun.stderr)
        XCTAssertTrue(rerun.stderr.contains("back as they were"), rerun.stderr)
        api.onRequest = nil
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(day(api)["topology/endpoints"], before["topology/endpoints"])
        XCTAssertEqual(day(api)["topology/groups"], before["topology/groups"])
    }

    /// Point 2: groups and endpoints are one unit, on a first publish and on a re-run.
    func testGroupsAndEndpointsAreReplacedTogether() throws {
        let api = FakeWebAPI(tokens: [Self.token])
        let (server, gocdb) = (try TestHTTPServer(handler: api.respond), try Self.gocdb())
        let directory = TempDirectory()
        let args = withRetry(0, config(directory, gocdb: gocdb, webAPI: server))
        api.faults["POST topology/endpoints"] = [500]
        let first = publish("topology", args)
        XCTAssertEqual(first.status, 1, first.output)
        XCTAssertNil(api.body(Self.token, "topology/groups", Self.day), "no groups without their endpoints on a first publish")
        XCTAssertNil(api.body(Self.token, "topology/endpoints", Self.day))
        XCTAssertEqual(publish("topology", args).status, 0)
        ageTheDay(api)
        let before = day(api)
        api.faults["POST topology/endpoints"] = [409, 503]
        let rerun = publish("topology", args)
        XCTAssertEqual(rerun.status, 1, rerun.output)
        XCTAssertEqual(day(api), before, "groups put back too when the endpoints fail")
        XCTAssertTrue(rerun.stderr.contains("the WEB-API's topology/groups and topology/endpoints of 2026-11-28 are back as they were"), rerun.stderr)
    }

    /// Point 3: a redirect answering a POST is an error naming the location, never a success.
    func testARedirectedPostIsAnError() throws {
        let other = try TestHTTPServer { _ in .init(body: #"{"status": {"message": "OK", "code": "200"}}"#, contentType: "application/json") }
        let redirecting = try TestHTTPServer { request in
            var response = TestHTTPServer.Response(status: 302, body: "")
            response.headers.append(("Location", other.baseURL + request.target))
            return response
        }
        let directory = TempDirectory()
        let args = config(directory, gocdb: try Self.gocdb(), webAPI: redirecting)
        let result = publish("weights", args)
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stderr.contains("HTTP 302 redirect to \(other.baseURL)/api/v2/weights?date=2026-11-28: a POST is not sent again elsewhere"), result.stderr)
        XCTAssertTrue(other.requests.isEmpty, "nothing was sent to the redirect's target")
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.file("out/Critical/weights_2026_11_28.avro")), "the files are written regardless")
    }

    /// Point 4: a 200 that is not the WEB-API's JSON (a proxy's page) is refused.
    func testAProxysPageIsNotTakenForSuccess() throws {
        let proxy = try TestHTTPServer { _ in .init(body: "<html>Scheduled maintenance</html>", contentType: "text/html") }
        let directory = TempDirectory()
        for connector in ["topology", "weights"] {
            let result = publish(connector, config(directory, gocdb: try Self.gocdb(), webAPI: proxy))
            XCTAssertEqual(result.status, 1, result.output)
            XCTAssertTrue(result.stderr.contains("the answer is not the WEB-API's JSON ('<html>Scheduled maintenance</html>')"), result.stderr)
        }
    }

    /// Point 5: two customers on one WEB-API tenant are refused, naming both.
    func testTwoCustomersOnOneTenantAreRefused() throws {
        let directory = TempDirectory()
        let customers = customerConf(name: "A", extra: "WebAPIToken = shared\n", jobs: [("JOB_A", "A", "")])
            + "\n" + customerConf(name: "B", extra: "WebAPIToken = shared\n", jobs: [("JOB_B", "B", "")])
        var files = ConfigFiles(in: directory, customers: customers)
        files.set("General", "PublishWebAPI", "True")
        files.set("WebAPI", "Host", "api.example.org")
        let result = runApp(["validate-config"] + files.write())
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stdout.contains("[CUSTOMER_B] publishes to the same WEB-API tenant (host and token) as [CUSTOMER_A]"), result.stdout)
        XCTAssertFalse(result.output.contains("shared"), "the token is not shown")
    }

    /// Point 6: a 204 without a body answers a DELETE: success, also with Retry = 0.
    func testAnEmptyAnswerToADeleteIsSuccess() throws {
        let (api, alive, args, _) = try publishedDay()
        defer { withExtendedLifetime(alive) {} }
        api.emptyDeleteAnswers = true
        let rerun = publish("topology", args)
        XCTAssertEqual(rerun.status, 0, rerun.output)
        XCTAssertEqual(api.allWrites.filter { $0.method == "DELETE" }.count, 2, "groups and endpoints replaced")
    }
}

/// Issue #18, points 7-9, 13, 14, 16: secrets stay with their host, runs end by themselves.
final class SecretsAndTransfersTests: XCTestCase {
    private func client(retries: Int = 0, configure: (inout HTTPSettings) -> Void = { _ in }) -> HTTPClient {
        var settings = HTTPSettings()
        settings.connection.retries = retries
        settings.connection.sleepRetrySeconds = 0
        configure(&settings)
        return testHTTPClient(settings)
    }

    /// Point 7: a token, basic credentials or a client certificate never follow a redirect to another origin.
    func testCredentialsDoNotFollowRedirectsToAnotherHost() throws {
        let elsewhere = try TestHTTPServer { _ in .init(body: "stolen") }
        let redirecting = try TestHTTPServer { request in
            var response = TestHTTPServer.Response(status: 307, body: "")
            response.headers.append(("Location", elsewhere.baseURL + "/x"))
            return response
        }
        var withToken = HTTPRequest(url: redirecting.baseURL + "/poem/api/v2/profiles/P", headers: ["x-api-key: poem-secret-token"])
        XCTAssertThrowsError(try client().fetch(withToken)) { error in
            XCTAssertTrue("\(error)".contains("redirect to another host, \(elsewhere.baseURL)/x: credentials are not sent there"), "\(error)")
            XCTAssertTrue("\(error)".hasPrefix(redirecting.baseURL), "names the URL that answered: \(error)")
        }
        withToken.headers = []
        withToken.basicAuth = ("u", "gocdb-pa55word")
        XCTAssertThrowsError(try client().fetch(withToken))
        var post = HTTPRequest(url: redirecting.baseURL + "/api/v2/topology/groups", method: .post, headers: ["x-api-key: webapi-token"], body: Array("[]".utf8))
        XCTAssertThrowsError(try client().fetch(post)) { error in
            XCTAssertTrue("\(error)".contains("a POST is not sent again elsewhere"), "\(error)")
        }
        post.headers = []
        XCTAssertThrowsError(try client().fetch(post), "a request that changes data follows no redirect, with or without credentials")
        XCTAssertTrue(elsewhere.requests.isEmpty, "nothing reached the other host: \(elsewhere.requests.map(\.headers))")
        // A plain GET may follow it: it carries nothing secret.
        XCTAssertEqual(try client().fetch(HTTPRequest(url: redirecting.baseURL + "/vapor")), Array("stolen".utf8))
    }

    /// Points 7 and 16: within the origin a token follows; an error names the URL that answered.
    func testRedirectsWithinTheOriginAreFollowedAndErrorsNameTheLastURL() throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/old":
                var response = TestHTTPServer.Response(status: 301, body: "")
                response.headers.append(("Location", "/new"))
                return response
            case "/new": return request.headers["x-api-key"] == "t" ? .init(body: "ok") : .init(status: 401, body: "no token")
            case "/missing": return .init(status: 404, body: "not here")
            default:
                var response = TestHTTPServer.Response(status: 302, body: "")
                response.headers.append(("Location", "/missing"))
                return response
            }
        }
        XCTAssertEqual(try client().fetch(HTTPRequest(url: server.baseURL + "/old", headers: ["x-api-key: t"])), Array("ok".utf8))
        XCTAssertThrowsError(try client().fetch(HTTPRequest(url: server.baseURL + "/gone"))) { error in
            XCTAssertTrue("\(error)".hasPrefix(server.baseURL + "/missing: HTTP 404"), "\(error)")
        }
    }

    /// Point 8: AMS and the WEB-API are verified whatever [Authentication] VerifyServerCert says.
    func testTokenServicesAreVerifiedUnlessTheirOwnOptionSaysOtherwise() throws {
        let pki = try TestPKI()
        let (server, port) = try pki.startServer(body: #"{"status": {"message": "created", "code": "201"}}"#, tokenOnly: true)
        defer { server.terminate(); server.waitUntilExit() }
        let directory = TempDirectory()
        let vapor = directory.write("vapor.json", #"[{"ngi": "N", "site": [{"id": "S", "ComputationPower": 1}]}]"#)
        var files = ConfigFiles(in: directory, customers: customerConf(extra: "WebAPIToken = webapi-secret-token\n",
                                                                       jobs: [("JOB_A", "A", "WeightsFeed = file://\(vapor)")]))
        files.set("General", "PublishWebAPI", "True")
        files.set("WebAPI", "Host", "https://localhost:\(port)")
        files.set("Authentication", "VerifyServerCert", "False")
        files.set("Connection", "Retry", "0")
        let refused = runApp(["weights", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(refused.status, 1, refused.output)
        XCTAssertTrue(refused.stderr.lowercased().contains("certificate"), refused.stderr)
        files.set("Authentication", "CAFile", pki.caCert)
        XCTAssertEqual(runApp(["weights", "-d", "2026-11-28"] + files.write()).status, 0, "verified against CAFile")
        files.set("Authentication", "CAFile", nil)
        files.set("WebAPI", "VerifyServerCert", "False")
        let args = files.write()
        XCTAssertEqual(runApp(["weights", "-d", "2026-11-28"] + args).status, 0, "its own option turns verification off")
        let validation = runApp(["validate-config"] + args)
        XCTAssertTrue(validation.stdout.contains("[WebAPI] VerifyServerCert is off"), validation.stdout)
    }

    /// Point 9: the lock is never opened through a link, nor kept in a folder every user may write.
    func testTheRunLockCannotBePlanted() throws {
        let directory = TempDirectory()
        let vapor = directory.write("vapor.json", #"[{"ngi": "N", "site": [{"id": "S", "ComputationPower": 1}]}]"#)
        var files = ConfigFiles(in: directory, customers: customerConf(jobs: [("JOB_A", "A", "WeightsFeed = file://\(vapor)")]))
        let state = directory.file("state")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        files.set("InputState", "SaveDir", state)
        let args = files.write()
        XCTAssertEqual(runApp(["weights", "-d", "2026-11-28"] + args).status, 0)
        let lock = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: state).first { $0.hasSuffix(".lock") && $0.contains("weights") })
        let victim = directory.write("victim", "precious")
        try FileManager.default.removeItem(atPath: "\(state)/\(lock)")
        try FileManager.default.createSymbolicLink(atPath: "\(state)/\(lock)", withDestinationPath: victim)
        // The state folder's lock is a link: the run takes its lock in the OutputDir instead, and the victim is untouched.
        XCTAssertEqual(runApp(["weights", "-d", "2026-11-28"] + args).status, 0)
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "precious")
        chmod(state, 0o777)
        chmod(files.outputDir, 0o777)
        let shared = runApp(["weights", "-d", "2026-11-28"] + args)
        XCTAssertEqual(shared.status, 1, shared.output)
        XCTAssertTrue(shared.stderr.contains("every user may write to this folder, so the run lock cannot be kept there safely"), shared.stderr)
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "precious")
    }

    /// Point 13: a feed trickling bytes forever is cut by TransferTimeout, per attempt.
    func testATricklingFeedIsCutByTransferTimeout() throws {
        let trickle = try TestHTTPServer { _ in
            var response = TestHTTPServer.Response(body: String(repeating: " ", count: 40) + "[]", contentType: "application/json")
            response.dripPieces = 42
            response.dripInterval = 0.25
            return response
        }
        let directory = TempDirectory()
        var files = ConfigFiles(in: directory, customers: customerConf(jobs: [("JOB_A", "A", "WeightsFeed = \(trickle.baseURL)/vapor")]))
        files.set("Connection", "Timeout", "5")
        files.set("Connection", "TransferTimeout", "2")
        files.set("Connection", "Retry", "1")
        let started = Date()
        let result = runApp(["weights", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stderr.contains("not complete after 2 s ([Connection] TransferTimeout) (after 2 attempts)"), result.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 9, "two attempts of about two seconds")
    }

    /// Point 14: a FIFO without a reader as --log-file does not block the run.
    func testAFIFOLogFileDoesNotBlock() throws {
        let directory = TempDirectory()
        let fifo = directory.file("log.fifo")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let vapor = directory.write("vapor.json", #"[{"ngi": "N", "site": [{"id": "S", "ComputationPower": 1}]}]"#)
        let files = ConfigFiles(in: directory, customers: customerConf(jobs: [("JOB_A", "A", "WeightsFeed = file://\(vapor)")]))
        let result = runBinary(["weights", "-d", "2026-11-28", "--log-file", fifo] + files.write(), timeout: 20)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stderr.contains("--log-file \(fifo) cannot be opened (a FIFO without a reader); logging goes on without it"), result.stderr)
    }
}

/// Issue #18, points 10-12 and 15: configurations that would destroy their
/// own outputs, the guards' own files, a job's files together, AMS partial sends.
final class OwnOutputsTests: XCTestCase {
    private let date = "2026-11-28"

    private func weightsConfig(_ directory: TempDirectory, vapor: String = #"[{"ngi": "N", "site": [{"id": "S", "ComputationPower": 1}, {"id": "T", "ComputationPower": 2}]}]"#,
                               customers: ((String) -> String)? = nil) -> ConfigFiles {
        let feed = "WeightsFeed = file://\(directory.write("vapor.json", vapor))"
        var files = ConfigFiles(in: directory, customers: customers?(feed) ?? customerConf(jobs: [("JOB_A", "A", feed)]))
        files.set("InputState", "SaveDir", directory.file("state"))
        return files
    }

    /// Point 10: outputs that would overwrite each other, shared state or output folders, a Name that leaves SaveDir.
    func testConfigurationsThatDestroyTheirOwnOutputsAreRefused() throws {
        let directory = TempDirectory()
        var files = weightsConfig(directory)
        files.set("General", "WriteJson", "True")
        files.set("Output", "Weights", "weights_DATE.json")
        files.set("Output", "Downtimes", "weights_DATE.json")
        var result = runApp(["validate-config"] + files.write())
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stdout.contains("[Output] Downtimes = 'weights_DATE.json': the JSON twin of Downtimes and Downtimes would both write weights_DATE.json"), result.stdout)
        XCTAssertTrue(result.stdout.contains("[Output] Weights = 'weights_DATE.json': Weights and Downtimes would both write weights_DATE.json"), result.stdout)
        XCTAssertEqual(runApp(["weights", "-d", date] + files.write()).status, 2, "and no run starts")

        let shared = weightsConfig(directory) { feed in
            customerConf(name: "X", jobs: [("JOB_A", "A", feed)]) + "\n"
                + "[CUSTOMER_Y]\nName = X\nOutputDir = @OUT@/other\nJobs = JOB_B\n[JOB_B]\nDirname = A\n\(feed)\n"
                + "[CUSTOMER_Z]\nName = ../escape\nOutputDir = @OUT@\nJobs = JOB_C\n[JOB_C]\nDirname = C\n\(feed)\n"
        }
        let args = shared.write()
        result = runApp(["validate-config"] + args)
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stdout.contains("[CUSTOMER_Y] job [JOB_B] would share the state folder X/A with [JOB_A] of [CUSTOMER_X]"), result.stdout)
        XCTAssertTrue(result.stdout.contains("[CUSTOMER_Z] Name '../escape' must be a plain folder name"), result.stdout)
        result = runApp(["weights", "-d", date] + args)
        XCTAssertEqual(result.status, 1, "the refused customers fail, the first one runs: \(result.output)")
        XCTAssertEqual(avroLines(directory.file("out/A/weights_2026_11_28.avro")).count, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("escape")), "nothing outside SaveDir")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/other/A")))
    }

    /// Point 11: a garbage or truncated counts file is a warning, and an empty result against it is refused.
    func testUnreadableCountsAreAWarningAndAnEmptyResultIsStillRefused() throws {
        let directory = TempDirectory()
        let args = weightsConfig(directory, vapor: "[]").write()
        let counts = directory.file("state/EGI/A/weights-counts")
        for garbage in ["", "{\"date\": \"2026-11-27\", \"cou", "\u{0}\u{1}binary", #"{"date": "x", "counts": {"Weights": 1e30}}"#] {
            directory.write("state/EGI/A/weights-counts", garbage)
            let result = runApp(["weights", "-d", date] + args)
            XCTAssertEqual(result.status, 1, "\(garbage): \(result.output)")
            XCTAssertTrue(result.stderr.contains("shrink guard: \(counts)"), result.stderr)
            XCTAssertTrue(result.stderr.contains("Weights has no records and the last run's counts are unreadable"), result.stderr)
        }
        XCTAssertEqual(runApp(["weights", "-d", date, "--allow-shrink"] + args).status, 0)
        XCTAssertTrue(try String(contentsOfFile: counts, encoding: .utf8).contains(#""Weights": 0"#), "the counts are remembered again")
    }

    /// Point 11: a stored count near Int's end does not trap (it did, with exit 132).
    func testHugeStoredCountsDoNotTrap() throws {
        let directory = TempDirectory()
        let args = weightsConfig(directory).write()
        directory.write("state/EGI/A/weights-counts", #"{"date": "2026-11-27", "counts": {"Weights": 92233720368547758}}"#)
        let result = runApp(["weights", "-d", date] + args)
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stderr.contains("Weights has 2 records where the run of 2026-11-27 had 92233720368547758"), result.stderr)
        directory.write("state/EGI/A/weights-counts", #"{"date": "2026-11-27", "counts": {"Weights": 9223372036854775807}}"#)
        XCTAssertEqual(runApp(["weights", "-d", date] + args).status, 1)
    }

    /// Point 12: a replacement a killed run left half done is completed by the next run of any connector.
    func testAHalfDoneReplacementIsCompletedByTheNextRun() throws {
        let directory = TempDirectory()
        let args = weightsConfig(directory).write()
        XCTAssertEqual(runApp(["weights", "-d", date] + args).status, 0)
        let folder = directory.file("out/A")
        let dead = try deadPID()
        // As a run killed after its first rename leaves it: one file in place, the other waiting, the journal.
        directory.write("out/A/.group_endpoints_2026_11_28.avro.tmp-\(dead)-7", "new endpoints")
        directory.write("out/A/group_groups_2026_11_28.avro", "new groups")
        directory.write("out/A/group_endpoints_2026_11_28.avro", "old endpoints")
        directory.write("out/A/.argo-connectors-replacing-\(dead)",
                        #"[[".group_groups_2026_11_28.avro.tmp-\#(dead)-6", "group_groups_2026_11_28.avro"], [".group_endpoints_2026_11_28.avro.tmp-\#(dead)-7", "group_endpoints_2026_11_28.avro"]]"#)
        let next = runApp(["poem", "-d", date] + args)  // another connector, with nothing to fetch
        XCTAssertEqual(next.status, 0, next.output)
        XCTAssertEqual(try String(contentsOfFile: "\(folder)/group_endpoints_2026_11_28.avro", encoding: .utf8), "new endpoints")
        XCTAssertEqual(try String(contentsOfFile: "\(folder)/group_groups_2026_11_28.avro", encoding: .utf8), "new groups")
        XCTAssertTrue(next.stderr.contains("completed the replacement of group_endpoints_2026_11_28.avro in \(folder)"), next.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") && !$0.hasSuffix(".lock") }, [])
    }

    /// Point 12: files published together leave no journal, and a live writer's journal is left alone.
    func testPublishingTogetherLeavesNothingBehind() throws {
        let directory = TempDirectory()
        let files = try ["a", "b", "c"].map { name -> AtomicFileWriter in
            let file = try AtomicFileWriter(path: directory.file(name))
            try file.write(Array(name.utf8))
            try file.finishWriting()
            return file
        }
        try AtomicFileWriter.publishTogether(files, in: directory.path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["a", "b", "c"])
        directory.write(".argo-connectors-replacing-\(getpid())", "[]")
        XCTAssertEqual(AtomicFileWriter.completeInterruptedReplacements(in: directory.path), [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.file(".argo-connectors-replacing-\(getpid())")), "a live run's journal stays")
    }

    /// Point 15: SIGTERM during AMS publishing says what was delivered and what not, per output.
    func testASignalDuringAmsPublishingSaysWhatWasDelivered() throws {
        let gocdb = try TestHTTPServer(handler: FakeGocdb.egi().respond)
        let ams = FakeAms()
        let cancellation = Cancellation()
        let amsServer = try TestHTTPServer { request in
            if ams.requests == 1 && !cancellation.isCancelled {
                cancellation.cancel(signal: SIGTERM)
                var slow = TestHTTPServer.Response(body: "{}", contentType: "application/json")
                slow.delay = 2.5
                return slow
            }
            return ams.respond(request)
        }
        let directory = TempDirectory()
        var files = ConfigFiles(in: directory, customers: customerConf(jobs: [("JOB_A", "A", "TopoFeed = \(gocdb.baseURL)/gocdbpi/")]))
        files.set("General", "PublishAms", "True")
        for (key, value) in [("Host", amsServer.baseURL), ("Token", "ams-secret-token"), ("Project", "P"), ("Topic", "T")] { files.set("AMS", key, value) }
        let result = runApp(["topology", "-d", date] + files.write(), cancellation: cancellation)
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stderr.contains("TopologyGroupOfEndpoints: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("interrupted by SIGTERM"), result.stderr)
        XCTAssertTrue(result.stderr.contains("not delivered (0 delivered); delivered before it: TopologyGroupOfGroups (all 5 records)"), result.stderr)
    }
}
