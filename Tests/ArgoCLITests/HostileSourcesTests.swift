import Foundation
import XCTest
import ArgoCLI
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #31: hostile sources and local files, part 3 — bounded, named, nothing partial.
final class HostileLocalFilesTests: XCTestCase {
    /// A 100 GB sparse file: no byte written, any size claimed.
    private func sparse(_ directory: TempDirectory, _ name: String) -> String {
        let path = directory.file(name)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(ftruncate(fd, 100 << 30), 0)
        close(fd)
        return path
    }

    private func fifo(_ directory: TempDirectory, _ name: String) -> String {
        let path = directory.file(name)
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        return path
    }

    /// Point 3: diff, cat and check on a huge sparse file, a link to /dev/zero and a FIFO: refused at once, named.
    func testLocalFilesThatAreNotSoundFilesAreRefusedAtOnce() throws {
        let directory = TempDirectory()
        let good = directory.write("good.json", "[]")
        let zero = directory.file("zero.json")
        try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
        for (path, reason) in [(sparse(directory, "huge.json"), "is 107374182400 bytes, more than the 4096 MiB such a file may be"),
                               (zero, "is not a regular file (a FIFO, device or socket is not read)"),
                               (fifo(directory, "fifo.json"), "is not a regular file")] {
            // The binary, under a timeout: a FIFO must not hang it, a sparse file must not make it allocate.
            let diff = runBinary(["diff", good, path], timeout: 20)
            XCTAssertEqual(diff.status, 2, "\(path): \(diff.output)")
            XCTAssertTrue(diff.stderr.contains("\(path): \(reason)"), diff.stderr)
            let cat = runBinary(["cat", path], timeout: 20)
            XCTAssertEqual(cat.status, 1, "\(path): \(cat.output)")
            XCTAssertTrue(cat.stderr.contains(reason), cat.stderr)
        }
    }

    /// Point 3: a 100 GB sparse counts file is a warning and the run goes on; a FIFO state file is no good day; a FIFO feed fails alone.
    func testStateFilesAndFeedsThatAreNotSoundFiles() throws {
        let directory = TempDirectory()
        let server = try TestHTTPServer(handler: FakeGocdb.egi().respond)
        let feeds = directory.file("feeds")
        try FileManager.default.createDirectory(atPath: feeds, withIntermediateDirectories: true)
        _ = fifo(directory, "feeds/get_site.xml")
        let jobs = [("JOB_A", "A", "TopoFeed = \(server.baseURL)/gocdbpi/"), ("JOB_F", "F", "TopoFeed = file://\(feeds)/")]
        var files = ConfigFiles(in: directory, customers: customerConf(name: "X", jobs: jobs))
        files.set("InputState", "SaveDir", directory.file("state"))
        let args = files.write()
        try FileManager.default.createDirectory(atPath: directory.file("state/X/A"), withIntermediateDirectories: true)
        _ = sparse(directory, "state/X/A/topology-counts")
        let run = runBinary(["topology", "-d", "2026-11-28"] + args, timeout: 60)
        XCTAssertEqual(run.status, 1, "JOB_F's feed fails, JOB_A runs: \(run.output)")
        XCTAssertTrue(run.stderr.contains("WARNING") && run.stderr.contains("topology-counts"), "the counts file is a warning: \(run.stderr)")
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/X/A/topology-ok_2026_11_28"), encoding: .utf8), "True")
        XCTAssertTrue(run.stderr.contains("file://\(feeds)/get_site.xml: is not a regular file"), run.stderr)
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/X/F/topology-ok_2026_11_28"), encoding: .utf8), "False")
        // check: a FIFO where a state file should be is no good day, and check does not hang on it.
        try FileManager.default.removeItem(atPath: directory.file("state/X/A/topology-ok_2026_11_28"))
        _ = fifo(directory, "state/X/A/topology-ok_2026_11_27")
        let check = runBinary(["check", "--state-dir", directory.file("state"), "--today", "2026-11-29", "--days", "1", "topology"], timeout: 20)
        XCTAssertEqual(check.status, 2, check.output)
    }
}

/// Issue #31, point 2: tokens and the token endpoint.
final class HostileTokenTests: XCTestCase {
    /// A token endpoint answering `token`, and a portal with empty listings noting the headers it was sent.
    private final class Portal: @unchecked Sendable {
        var token: (status: Int, body: String)
        private(set) var listingHeaders: [[String: String]] = []
        private let lock = NSLock()
        init(token: (Int, String)) { self.token = token }

        func respond(_ request: TestHTTPServer.Request) -> TestHTTPServer.Response {
            lock.lock(); defer { lock.unlock() }
            if request.path.hasSuffix("/oidc/token") { return .init(status: token.status, body: token.body, contentType: "application/json") }
            listingHeaders.append(request.headers)
            return .init(body: #"{"total": 0, "from": 0, "to": 0, "results": []}"#, contentType: "application/json")
        }
    }

    private func run(_ portal: Portal, in directory: TempDirectory) throws -> (RunResult, TestHTTPServer) {
        let server = try TestHTTPServer(handler: portal.respond)
        let customer = Kit.file("topology-provider.customer.conf", in: directory, feed: server.baseURL)
        let result = runApp(["topology", "-c", customer, "-g", Kit.file("global.json.conf", in: directory), "-d", "2022-10-27"])
        return (result, server)
    }

    func testAnAccessTokenWithALineBreakIsRefusedBeforeAnyListingIsAsked() throws {
        let portal = Portal(token: (200, #"{"access_token": "abc\r\nX-Injected: 1", "refresh_token": "rotated-1"}"#))
        let directory = Kit.directory()
        let (result, server) = try run(portal, in: directory)
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stderr.contains("the answer's access_token holds characters a token cannot (control characters or blanks): refused"), result.stderr)
        XCTAssertTrue(portal.listingHeaders.isEmpty, "no listing asked with it")
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EOSC/topology-ok_2022_10_27"), encoding: .utf8), "False")
        _ = server
    }

    func testAnEndpointEchoingTheTokenHasItRedactedAndInvalidGrantSaysWhatToDo() throws {
        let portal = Portal(token: (400, #"{"error": "invalid_grant", "error_description": "Token initial-refresh-token is not active"}"#))
        let directory = Kit.directory()
        let (result, _) = try run(portal, in: directory)
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertFalse(result.output.contains("initial-refresh-token"), "the token never in a message: \(result.output)")
        XCTAssertTrue(result.stderr.contains("HTTP 400: invalid_grant (Token [redacted] is not active)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("the token is no longer valid: get a new refresh token from the portal, put it in OIDCRefreshToken and remove"),
                      result.stderr)
    }

    func testAnAnswerWithoutARefreshTokenKeepsTheCurrentOne() throws {
        let portal = Portal(token: (200, #"{"access_token": "access-1", "token_type": "Bearer"}"#))
        let directory = Kit.directory()
        let (result, _) = try run(portal, in: directory)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(portal.listingHeaders.first?["authorization"], "Bearer access-1")
        let saved = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: directory.file("state/EOSC/oidc-refresh-token.json")))))
        XCTAssertEqual(saved["next"], .string("initial-refresh-token"), "RFC 6749 §6: the refresh token stays valid")
    }

    /// A WEB-API token that a continuation line made two lines: never sent.
    func testAHeaderTokenWithALineBreakIsNeverSent() throws {
        let received = NSLock()
        var requests = 0
        let server = try TestHTTPServer { _ in received.lock(); requests += 1; received.unlock(); return .init(body: "{}", contentType: "application/json") }
        let directory = Kit.directory()
        let customer = Kit.file("metricprofile-webapi.customer.conf", in: directory) {
            $0.replacingOccurrences(of: "WebAPIToken = tenant-token", with: "WebAPIToken = tenant-token\n  X-Injected: 1")
        }
        let result = runApp(["metric-profiles", "-c", customer, "-g", Kit.file("global.json.conf", in: directory, webAPI: server.baseURL), "-d", "2022-10-27"])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stderr.contains("a header (a token?) holds a line break or NUL: the request is not sent"), result.stderr)
        XCTAssertEqual(requests, 0)
    }
}

/// Issue #31, point 1: a portal whose paging misbehaves fails the run with the page it sent, quickly.
final class HostilePagingTests: XCTestCase {
    /// Providers: `answer(from, quantity)` → the page's JSON; resources and extensions empty.
    private func run(_ answer: @escaping @Sendable (Int, Int) -> String, globalEdit: @escaping (String) -> String = { $0 })
        throws -> (result: RunResult, requests: Int) {
        let server = try TestHTTPServer { request in
            guard request.path.hasSuffix("/beyond/providers") else {
                return .init(body: #"{"total": 0, "from": 0, "to": 0, "results": []}"#, contentType: "application/json")
            }
            return .init(body: answer(Int(request.query["from"] ?? "") ?? 0, Int(request.query["quantity"] ?? "") ?? 0), contentType: "application/json")
        }
        let directory = Kit.directory()
        let customer = Kit.file("topology-provider.customer.conf", in: directory, feed: server.baseURL) {
            $0.replacingOccurrences(of: "/eosc/", with: "/beyond/").replacingOccurrences(of: "OIDCRefreshToken = initial-refresh-token\n", with: "")
        }
        let global = Kit.file("global.json.conf", in: directory, edit: globalEdit)
        let result = runApp(["topology", "-c", customer, "-g", global, "-d", "2022-10-27"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/EOSC/group_groups_2022_10_27.json")), "nothing written")
        return (result, server.requests.filter { $0.path.hasSuffix("/providers") }.count)
    }

    private static func provider(_ index: Int) -> String {
        #"{"id": "p\#(index)", "abbreviation": "P\#(index)", "website": "https://p\#(index).example.org"}"#
    }

    private static func page(total: Int, from: Int, count: Int, to: Int? = nil) -> String {
        #"{"total": \#(total), "from": \#(from), "to": \#(to ?? from + count), "results": [\#((0..<count).map { provider(from + $0) }.joined(separator: ", "))]}"#
    }

    func testAPortalThatIgnoresFromFails() throws {
        let (result, requests) = try run { _, _ in Self.page(total: 10, from: 0, count: 2) }
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("the page asked from 2 answers from 0: the listing is not whole; nothing written"), result.stderr)
        XCTAssertEqual(requests, 2)
    }

    func testATotalBeyondMaxRecordsIsRefusedBeforePaging() throws {
        let (result, requests) = try run { from, _ in Self.page(total: 1_000_000_000_000_000, from: from, count: 1) }
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("total 1000000000000000 is more than [Connection] MaxRecords (1000000)"), result.stderr)
        XCTAssertEqual(requests, 1)
    }

    func testEmptyPagesWhileToAdvancesFail() throws {
        let (result, _) = try run { from, _ in Self.page(total: 10, from: from, count: 0, to: from + 2) }
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("the page from 0 to 2 holds 0 records, not 2"), result.stderr)
    }

    func testATotalThatLiesLowFails() throws {
        let (result, _) = try run { from, _ in Self.page(total: 1, from: from, count: 3) }
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("the page from 0 to 3 is outside total 1"), result.stderr)
    }

    func testMaxPagesIsConfigurable() throws {
        let honest = { @Sendable (from: Int, _: Int) in Self.page(total: 10, from: from, count: min(2, 10 - from)) }
        let (capped, requests) = try run(honest) { $0.replacingOccurrences(of: "[Connection]", with: "[Connection]\nMaxPages = 3") }
        XCTAssertEqual(capped.status, 1)
        XCTAssertTrue(capped.stderr.contains("more than [Connection] MaxPages (3) pages"), capped.stderr)
        XCTAssertEqual(requests, 3)
    }
}

/// Issue #31, point 4: names and hosts that cannot be ones are refused row by row, counted with their places.
final class HostileRowsTests: XCTestCase {
    private func runCSV(_ body: [UInt8], in directory: TempDirectory) throws -> RunResult {
        let server = try TestHTTPServer { _ in .init(status: 200, bytes: body, headers: [("Content-Type", "text/csv")]) }
        let customer = Kit.file("topology-csv.customer.conf", in: directory, feed: server.baseURL)
        return runApp(["-c", customer, "-g", Kit.file("global.json.conf", in: directory), "-d", "2022-10-27"], programName: "topology-csv-connector.py")
    }

    func testCSVRowsWithNULInvalidUTF8OrALineBreakInAHostAreLeftOutAndCounted() throws {
        let header = "Service Unique ID,URL,SERVICE_TYPE,Service Description (Alphanumeric and basic punctuation),SITENAME-SERVICEGROUP,COUNTRY_NAME,CONTACT_EMAIL,notification flag?,Status\n"
        var body = Array(header.utf8)
        body += Array("t_1,https://good.example.org,webdav,d,GOOD,C,a@b.c,Yes,Production\n".utf8)
        body += Array("t_2,https://nul.example.org".utf8) + [0] + Array(",webdav,d,NUL,C,a@b.c,Yes,Production\n".utf8)                // line 3
        body += Array("t_3,https://bad.example.org,web".utf8) + [0xC3, 0x28] + Array("dav,d,UTF8,C,a@b.c,Yes,Production\n".utf8)      // line 4
        body += Array("t_4,\"https://two\nlines.example.org\",webdav,d,LINES,C,a@b.c,Yes,Production\n".utf8)                         // lines 5-6
        body += Array("t_5,https://also-good.example.org,webdav,d,GOOD,C,a@b.c,Yes,Production\n".utf8)
        let directory = Kit.directory()
        let result = try runCSV(body, in: directory)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stderr.contains("skipped 3 row with a control character, NUL or invalid UTF-8 in a name or host (line 3, line 4, line 5)"), result.stderr)
        let endpoints = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: directory.file("out/EGI/group_endpoints_2022_10_27.json")))))
        XCTAssertEqual(endpoints.arrayValue?.compactMap { $0["hostname"]?.stringValue }, ["good.example.org", "also-good.example.org"], "the sound rows alone")
    }

    func testLOT1EntriesWithoutTheirIdentifyingFieldsAreLeftOutAndCounted() throws {
        let catalogue = #"""
            {"result": [
              {"serviceMonitorings": [{"name": "No provider", "sites": [{"name": "S", "endpoints": [{"name": "e", "url": "https://a.example.org", "monitoringServiceTypes": ["t"]}]}]}]},
              {"providerId": "P1", "serviceMonitorings": [
                {"sites": [{"name": "S", "endpoints": [{"name": "e", "url": "https://b.example.org", "monitoringServiceTypes": ["t"]}]}]},
                {"name": "Named", "sites": [{"name": "S", "endpoints": [{"name": "e", "url": "https://c.example.org", "monitoringServiceTypes": ["t"]}]}]}]}
            ]}
            """#
        let server = try TestHTTPServer { _ in .init(body: catalogue, contentType: "application/json") }
        let directory = Kit.directory()
        let customer = Kit.file("topology-lot1sc.customer.conf", in: directory, feed: server.baseURL) { $0.replacingOccurrences(of: "TopoTiers = 1, 2", with: "TopoTiers = 1") }
        let result = runApp(["-c", customer, "-g", Kit.file("global.json.conf", in: directory), "-d", "2022-10-27"], programName: "topology-lot1sc-connector.py")
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stderr.contains("skipped 1 provider without a providerId that can name a group (result[0])"), result.stderr)
        XCTAssertTrue(result.stderr.contains("skipped 1 service without a name that can name a group (result[1].serviceMonitorings[0])"), result.stderr)
        let groups = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: directory.file("out/LOT1/group_groups_2022_10_27.json")))))
        XCTAssertEqual(groups.arrayValue?.map { "\($0["group"]?.stringValue ?? "")/\($0["subgroup"]?.stringValue ?? "")" }, ["P1/Named"], "no empty group or subgroup")
    }
}
