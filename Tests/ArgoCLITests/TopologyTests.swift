import XCTest
import ArgoCLI
import ArgoConnectors
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// `argo-connectors topology` end to end against a loopback GOCDB.
final class TopologyTests: XCTestCase {
    let date = "2026-11-28"
    var directory: TempDirectory!

    override func setUp() {
        directory = TempDirectory()
    }


    private func job(_ name: String, _ lines: String) -> String { "\n[\(name)]\nDirname = \(name)\n\(lines)\n" }

    /// Writes configs with the given jobs (feed = the server), runs topology.
    @discardableResult
    private func run(_ server: TestHTTPServer, jobs: [(String, String)], global: (inout ConfigFiles) -> Void = { _ in },
                     customerExtra: String = "") -> RunResult {
        let customer = "[CUSTOMER_EGI]\nName = EGI\nOutputDir = @OUT@\nJobs = \(jobs.map(\.0).joined(separator: ", "))\n\(customerExtra)"
            + jobs.map { job($0.0, "TopoFeed = \(server.baseURL)/gocdbpi/\n" + $0.1) }.joined()
        var files = ConfigFiles(in: directory, customers: customer)
        global(&files)
        return runApp(["topology", "-d", date] + files.write())
    }

    private func groups(_ job: String) -> [String] {
        avroRecords(directory.file("out/\(job)/group_groups_2026_11_28.avro")).map { record in
            "\(record["type"]!.stringValue!) \(record["group"]!.stringValue!) \(record["subgroup"]!.stringValue!) " + tagText(record["tags"]!)
        }
    }

    private func endpoints(_ job: String) -> [String] {
        avroRecords(directory.file("out/\(job)/group_endpoints_2026_11_28.avro")).map { record in
            "\(record["type"]!.stringValue!) \(record["group"]!.stringValue!) \(record["service"]!.stringValue!) \(record["hostname"]!.stringValue!) " + tagText(record["tags"]!)
        }
    }

    private func tagText(_ tags: JSONValue) -> String {
        guard case .object(let members) = tags else { return "" }
        return members.map { "\($0.0)=\($0.1.stringValue!)" }.joined(separator: ",")
    }

    func testSitesWithoutSelectionListEverythingWithOwnScopes() throws {
        let gocdb = FakeGocdb.egi()
        let server = try TestHTTPServer(handler: gocdb.respond)
        let result = run(server, jobs: [("JOB_ALL", "TopoFetchType = Sites")])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(groups("JOB_ALL"), [
            "NGI NGI_DE SITE-A certification=Certified,infrastructure=Production,scope=EGI",
            "NGI NGI_DE SITE-B certification=Uncertified,infrastructure=Production,scope=EGI",
            "NGI NGI_HR egee.srce.hr certification=Candidate,infrastructure=Production,scope=EGI",
            "NGI NGI_IT SITE-C certification=Certified,infrastructure=Test,scope=EGI, Local",
            "NGI NGI_IT SITE-D certification=Certified,infrastructure=Production,scope=Local",
        ])
        XCTAssertEqual(endpoints("JOB_ALL"), [
            "SITES SITE-A ARC-CE ce.a.org scope=EGI,monitored=1,production=1",
            "SITES SITE-A SRM se.a.org scope=EGI,monitored=1,production=0",
            "SITES SITE-B Site-BDII bdii.b.org scope=EGI,monitored=0,production=1",
            "SITES SITE-C CREAM-CE ce.c.org scope=EGI, Local,monitored=1,production=1",
            "SITES SITE-D UI ui.d.org scope=Local,monitored=1,production=1",
            "SITES egee.srce.hr ARC-CE ce.srce.hr scope=EGI,monitored=1,production=1",
        ], "the endpoint of an unknown site is dropped")
        XCTAssertTrue(result.stderr.contains("INFO topology Customer:EGI Job:JOB_ALL Fetched Endpoints:7 Groups(Sites):5 Selected Endpoints:6 Groups:5"), result.stderr)
        XCTAssertEqual(server.requests.map { $0.query["scope"] }, ["", ""], "one unscoped request per method")
    }

    func testPagingFollowsNextCursorOverManyPages() throws {
        let gocdb = FakeGocdb.egi()
        gocdb.pageSize = 2
        let server = try TestHTTPServer(handler: gocdb.respond)
        let result = run(server, jobs: [("JOB_P", "TopoFetchType = Sites\nTopoFeedPaging = True")])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(groups("JOB_P").count, 5)
        XCTAssertEqual(endpoints("JOB_P").count, 6)
        let siteCursors = server.requests.filter { $0.query["method"] == "get_site" }.map { $0.query["next_cursor"]! }
        XCTAssertEqual(siteCursors, ["0", "2", "4", "5"], "3 pages with data, then the empty page")
        XCTAssertEqual(gocdb.requestCount("get_service_endpoint"), 5)
    }

    func testPagingDropsDuplicatesAcrossPages() throws {
        let gocdb = FakeGocdb.egi()
        let base = try TestHTTPServer(handler: gocdb.respond)
        // A server whose cursor steps back by one: every page boundary repeats an entity.
        let server = try TestHTTPServer { request in
            var response = gocdb.respond(request)
            let text = String(decoding: response.body, as: UTF8.self)
            if let cursor = request.query["next_cursor"].flatMap(Int.init), text.contains("<count>2</count>") {
                response.body = Array(text.replacingOccurrences(of: "next_cursor=\(cursor + 2)\"", with: "next_cursor=\(cursor + 1)\"").utf8)
            }
            return response
        }
        _ = base
        let result = run(server, jobs: [("JOB_P", "TopoFetchType = Sites\nTopoFeedPaging = True")])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(groups("JOB_P").count, 5, "duplicates from overlapping pages are dropped")
        XCTAssertEqual(endpoints("JOB_P").count, 6)
    }

    func testTwoScopesFetchOncePerScopeAndListEntitiesPerScope() throws {
        let gocdb = FakeGocdb.egi()
        let server = try TestHTTPServer(handler: gocdb.respond)
        let result = run(server, jobs: [("JOB_S", "TopoFetchType = Sites\nTopoSelectGroupOfGroups = Scope:(EGI,Local)\nTopoSelectGroupOfEndpoints = Scope:Local")])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(server.requests.map { "\($0.query["method"]!)&\($0.query["scope"]!)" },
                       ["get_site&EGI", "get_service_endpoint&EGI", "get_site&Local", "get_service_endpoint&Local"])
        let names = groups("JOB_S")
        XCTAssertTrue(names.contains("NGI NGI_IT SITE-C certification=Certified,infrastructure=Test,scope=EGI"))
        XCTAssertTrue(names.contains("NGI NGI_IT SITE-C certification=Certified,infrastructure=Test,scope=Local"))
        XCTAssertEqual(names.count, 6)
        XCTAssertEqual(endpoints("JOB_S"), [
            "SITES SITE-C CREAM-CE ce.c.org scope=Local,monitored=1,production=1",
            "SITES SITE-D UI ui.d.org scope=Local,monitored=1,production=1",
        ])
    }

    func testSiteSelections() throws {
        let gocdb = FakeGocdb.egi()
        let server = try TestHTTPServer(handler: gocdb.respond)
        let result = run(server, jobs: [
            ("JOB_NGI", "TopoSelectGroupOfGroups = NGI:ngi_de"),
            ("JOB_SITE", "TopoSelectGroupOfGroups = Site:(egee.srce.hr,SITE-C)"),
            ("JOB_CERT", "TopoSelectGroupOfGroups = Certification:(Uncertified,Candidate), Infrastructure:Production"),
            ("JOB_EP", "TopoSelectGroupOfGroups = NGI:NGI_DE\nTopoSelectGroupOfEndpoints = Production:Y, Monitored:Y"),
            ("JOB_EPN", "TopoSelectGroupOfEndpoints = Production:N"),
            ("JOB_NONE", "TopoSelectGroupOfGroups = NGI:NGI_NOWHERE"),
        ])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(groups("JOB_NGI").map { $0.split(separator: " ")[2] }, ["SITE-A", "SITE-B"])
        XCTAssertEqual(groups("JOB_SITE").map { $0.split(separator: " ")[2] }, ["egee.srce.hr", "SITE-C"])
        XCTAssertEqual(groups("JOB_CERT").map { $0.split(separator: " ")[2] }, ["SITE-B", "egee.srce.hr"])
        XCTAssertEqual(endpoints("JOB_EP").map { $0.split(separator: " ")[3] }, ["ce.a.org"])
        XCTAssertEqual(endpoints("JOB_EPN").map { $0.split(separator: " ")[3] }, ["se.a.org"])
        XCTAssertEqual(groups("JOB_NONE"), [])
        XCTAssertEqual(endpoints("JOB_NONE"), [], "no selected group: no endpoints, and a valid empty file")
        XCTAssertEqual(gocdb.requestCount("get_site"), 1, "jobs asking the same thing share one fetch")
    }

    func testServiceGroups() throws {
        let gocdb = FakeGocdb.egi()
        let server = try TestHTTPServer(handler: gocdb.respond)
        let result = run(server, jobs: [
            ("JOB_SG", "TopoFetchType = ServiceGroups"),
            ("JOB_SGM", "TopoFetchType = ServiceGroups\nTopoSelectGroupOfGroups = Monitored:Y, Scope:EGI\nTopoSelectGroupOfEndpoints = Production:Y"),
            ("JOB_SGN", "TopoFetchType = ServiceGroups\nTopoSelectGroupOfGroups = ServiceGroup:(sg_two,SG_THREE)"),
        ])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(groups("JOB_SG"), [
            "PROJECT EGI SG_ONE monitored=1,scope=EGI",
            "PROJECT EGI SG_THREE monitored=1,scope=EGI, Local",
            "PROJECT EGI SG_TWO monitored=0,scope=Local",
        ])
        XCTAssertEqual(endpoints("JOB_SG"), [
            "SERVICEGROUPS SG_ONE occi vm.a.org scope=EGI,monitored=1,production=1",
            "SERVICEGROUPS SG_ONE nova vm.b.org scope=EGI,monitored=1,production=0",
            "SERVICEGROUPS SG_THREE xrootd y.org scope=EGI,monitored=1,production=1",
            "SERVICEGROUPS SG_TWO webdav x.org scope=EGI,monitored=0,production=1",
        ])
        XCTAssertEqual(groups("JOB_SGM"), ["PROJECT EGI SG_ONE monitored=1,scope=EGI", "PROJECT EGI SG_THREE monitored=1,scope=EGI"])
        XCTAssertEqual(endpoints("JOB_SGM").map { $0.split(separator: " ")[3] }, ["vm.a.org", "y.org"])
        XCTAssertEqual(groups("JOB_SGN").map { $0.split(separator: " ")[2] }, ["SG_THREE", "SG_TWO"])
        XCTAssertTrue(result.stderr.contains("Job:JOB_SG Fetched Endpoints:4 Groups(ServiceGroups):3 Selected Endpoints:4 Groups:3"), result.stderr)
    }

    func testBasicAuthIsSentAndRequired() throws {
        let gocdb = FakeGocdb.egi()
        gocdb.basicAuth = ("operator", "pa55word")
        let server = try TestHTTPServer(handler: gocdb.respond)
        let without = run(server, jobs: [("JOB_A", "")])
        XCTAssertEqual(without.status, 1)
        XCTAssertTrue(without.stderr.contains("ERROR topology Customer:EGI Job:JOB_A \(server.baseURL)/gocdbpi/: \(server.baseURL)/gocdbpi/private/?method=get_site&scope=: HTTP 401"), without.stderr)
        XCTAssertEqual(gocdb.requestCount("get_site"), 1, "401 is not retried")
        let with = run(server, jobs: [("JOB_A", "")], customerExtra: "AuthenticationUsePlainHttpAuth = True\nAuthenticationHttpUser = operator\nAuthenticationHttpPass = pa55word\n")
        XCTAssertEqual(with.status, 0, with.output)
        XCTAssertEqual(groups("JOB_A").count, 5)
        XCTAssertFalse(with.output.contains("pa55word"))
        XCTAssertFalse(without.output.contains("pa55word"))
    }

    func testServerErrorThenSuccessIsRetriedAfterSleepRetry() throws {
        let gocdb = FakeGocdb.egi()
        gocdb.faults["get_site"] = [1: .init(status: 503, body: "<error>busy</error>"), 2: .init(status: 502, body: "bad gateway")]
        let server = try TestHTTPServer(handler: gocdb.respond)
        let started = Date()
        let result = run(server, jobs: [("JOB_A", "")]) { files in
            files.set("Connection", "SleepRetry", "1")
            files.set("Connection", "Retry", "2")
        }
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(gocdb.requestCount("get_site"), 3)
        XCTAssertGreaterThanOrEqual(elapsed, 2.0, "two waits of SleepRetry = 1 s")
        XCTAssertTrue(result.stderr.contains("HTTP 503: <error>busy</error>; attempt 1 of 3, retrying in 1 s"), result.stderr)
        XCTAssertEqual(groups("JOB_A").count, 5)
    }

    func testRetriesRunOutAndYesterdaysFilesStay() throws {
        let gocdb = FakeGocdb.egi()
        gocdb.faults["get_service_endpoint"] = [1: .init(status: 500, body: "x"), 2: .init(status: 500, body: "x"), 3: .init(status: 500, body: "x")]
        let server = try TestHTTPServer(handler: gocdb.respond)
        let previous = directory.write("out/JOB_A/group_groups_2026_11_28.avro", "yesterday's good file")
        let result = run(server, jobs: [("JOB_A", "")])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(gocdb.requestCount("get_service_endpoint"), 3, "Retry = 2 means three attempts")
        XCTAssertTrue(result.stderr.contains("HTTP 500: x (after 3 attempts)"), result.stderr)
        XCTAssertEqual(try String(contentsOfFile: previous, encoding: .utf8), "yesterday's good file")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.file("out/JOB_A")), ["group_groups_2026_11_28.avro"])
    }

    func testNotFoundIsNotRetried() throws {
        let gocdb = FakeGocdb.egi()
        gocdb.faults["get_site"] = [1: .init(status: 404, body: "gone")]
        let server = try TestHTTPServer(handler: gocdb.respond)
        let result = run(server, jobs: [("JOB_A", "")])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(gocdb.requestCount("get_site"), 1)
        XCTAssertTrue(result.stderr.contains("HTTP 404: gone"), result.stderr)
    }

    func testTimeoutFailsTheFeed() throws {
        let gocdb = FakeGocdb.egi()
        var slow = TestHTTPServer.Response(body: "<results/>")
        slow.delay = 3
        gocdb.faults["get_site"] = [1: slow, 2: slow]
        let server = try TestHTTPServer(handler: gocdb.respond)
        let result = run(server, jobs: [("JOB_A", "")]) { files in
            files.set("Connection", "Timeout", "1")
            files.set("Connection", "Retry", "1")
        }
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("timed out") || result.stderr.contains("Timeout"), result.stderr)
        XCTAssertTrue(result.stderr.contains("(after 2 attempts)"), result.stderr)
    }

    func testMalformedAndTruncatedXMLFailOnlyTheirJobs() throws {
        let good = FakeGocdb.egi()
        let goodServer = try TestHTTPServer(handler: good.respond)
        for body in ["<results><SITE NAME=\"x\"><ROC>y</SITE></results>", "<?xml version=\"1.0\"?>\n<results>\n  <SITE NAME=\"x\">"] {
            let broken = FakeGocdb.egi()
            broken.faults["get_site"] = [1: .init(body: body)]
            let badServer = try TestHTTPServer(handler: broken.respond)
            let customer = "[CUSTOMER_EGI]\nName = EGI\nOutputDir = @OUT@\nJobs = JOB_BAD, JOB_GOOD\n"
                + job("JOB_BAD", "TopoFeed = \(badServer.baseURL)/gocdbpi/") + job("JOB_GOOD", "TopoFeed = \(goodServer.baseURL)/gocdbpi/")
            let files = ConfigFiles(in: directory, customers: customer)
            let result = runApp(["topology", "-d", date] + files.write())
            XCTAssertEqual(result.status, 1, result.output)
            XCTAssertTrue(result.stderr.contains("ERROR topology Customer:EGI Job:JOB_BAD"), result.stderr)
            XCTAssertTrue(result.stderr.contains("XML error at line"), result.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/JOB_BAD")))
            XCTAssertEqual(groups("JOB_GOOD").count, 5, "the other feed's job is unaffected")
            XCTAssertEqual(broken.requestCount("get_site"), 1, "a malformed body is not retried")
        }
    }

    func testTruncatedBodyIsRetried() throws {
        let gocdb = FakeGocdb.egi()
        var cut = TestHTTPServer.Response(body: String(repeating: " ", count: 200) + "<results></results>")
        cut.truncateAfter = 50
        var reset = TestHTTPServer.Response(body: String(repeating: " ", count: 20000) + "<results></results>")
        reset.resetAfter = 100
        gocdb.faults["get_site"] = [1: cut, 2: reset]
        let server = try TestHTTPServer(handler: gocdb.respond)
        let result = run(server, jobs: [("JOB_A", "")])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(gocdb.requestCount("get_site"), 3)
        XCTAssertEqual(groups("JOB_A").count, 5)
    }

    func testDoctypeAndEntitiesAreRefused() throws {
        let secret = directory.write("secret.txt", "TOP-SECRET-CONTENT")
        let documents = [
            "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<results><SITE NAME=\"&b;\"><ROC>x</ROC></SITE></results>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file://\(secret)\">]>\n<results><SITE NAME=\"s\"><ROC>&x;</ROC></SITE></results>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE results SYSTEM \"http://127.0.0.1:1/evil.dtd\">\n<results/>",
            "<results><SITE NAME=\"s\"><ROC>&undefined;</ROC></SITE></results>",
        ]
        for document in documents {
            let gocdb = FakeGocdb.egi()
            gocdb.faults["get_site"] = [1: .init(body: document)]
            let server = try TestHTTPServer(handler: gocdb.respond)
            let result = run(server, jobs: [("JOB_X", "")])
            XCTAssertEqual(result.status, 1, document)
            XCTAssertFalse(result.output.contains("TOP-SECRET"), "external entity content must never appear")
            XCTAssertTrue(result.stderr.contains("DOCTYPE") || result.stderr.contains("undefined"), result.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/JOB_X")))
        }
    }

    func testOfflineFeedsAppliesScopesLocally() throws {
        let gocdb = FakeGocdb.egi()
        let feeds = directory.file("feeds")
        for method in ["get_site", "get_service_endpoint"] {
            let response = gocdb.respond(TestHTTPServer.Request(method: "GET", target: "/gocdbpi/private/?method=\(method)&scope=", headers: [:], body: []))
            directory.write("feeds/\(method).xml", String(decoding: response.body, as: UTF8.self))
        }
        let customer = "[CUSTOMER_EGI]\nName = EGI\nOutputDir = @OUT@\nJobs = JOB_OFF\n"
            + job("JOB_OFF", "TopoFeed = file://\(feeds)/\nTopoSelectGroupOfGroups = Scope:Local")
        let result = runApp(["topology", "-d", date] + ConfigFiles(in: directory, customers: customer).write())
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(groups("JOB_OFF").map { $0.split(separator: " ")[2] }, ["SITE-C", "SITE-D"])
        XCTAssertEqual(endpoints("JOB_OFF").map { $0.split(separator: " ")[3] }, ["ce.c.org", "ui.d.org"])
    }

    func testMissingOfflineFileFailsTheFeedOnce() throws {
        let customer = "[CUSTOMER_EGI]\nName = EGI\nOutputDir = @OUT@\nJobs = JOB_OFF\n" + job("JOB_OFF", "TopoFeed = file://\(directory.path)/nowhere/")
        let result = runApp(["topology", "-d", date] + ConfigFiles(in: directory, customers: customer).write())
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("nowhere/get_site.xml"), result.stderr)
        XCTAssertFalse(result.stderr.contains("retrying"), "a missing file is not retried")
    }
}
