import Foundation
import XCTest
import ArgoCLI
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #20: 2.3.1's flat sources (topology-csv, topology-json,
/// downtimes-csv, service-types-csv, service-types-json) on the
/// conformance kit's samples, and on broken, empty and malformed feeds.
final class FlatSourcesTests: XCTestCase {
    private func state(_ directory: TempDirectory, _ name: String) -> String? {
        try? String(contentsOfFile: directory.file("state/EGI/\(name)"), encoding: .utf8)
    }

    private func written(_ directory: TempDirectory, _ name: String) -> Data? {
        try? Data(contentsOf: URL(fileURLWithPath: directory.file("out/EGI/\(name)")))
    }


    func testFlatTopologiesAsTheConformanceRunsWroteAndSentThem() throws {
        for connector in ["topology-csv", "topology-json"] {
            let feeds = try TestHTTPServer(handler: KitFeeds().respond)
            let directory = Kit.directory()
            let json = Kit.run(connector, phase: "json", feeds: feeds, in: directory)
            XCTAssertEqual(json.status, 0, json.output)
            for kind in ["groups", "endpoints"] {
                XCTAssertEqual(written(directory, "group_\(kind)_2022_10_27.json"), Kit.expected(connector, "group_\(kind)_2022_10_27.json"),
                               "\(connector): group_\(kind) byte for byte as 2.3.1 wrote it")
            }
            XCTAssertEqual(state(directory, "topology-ok_2022_10_27"), "True")
            let asked = Kit.requests(connector, "feeds")
            XCTAssertEqual(feeds.requests.map(\.path), asked.map { $0["path"]!.stringValue! }, "\(connector): one GET of the feed")
            XCTAssertNil(feeds.requests.first?.headers["authorization"], "no credentials to a flat feed")
            let api = FakeWebAPI(tokens: ["tenant-token"])
            let server = try TestHTTPServer(handler: api.respond)
            XCTAssertEqual(Kit.run(connector, phase: "webapi", feeds: feeds, webAPI: server.baseURL, in: directory).status, 0)
            for resource in ["topology/groups", "topology/endpoints"] {
                XCTAssertEqual(api.body("tenant-token", resource, "2022-10-27"), Kit.sentBody(connector, "webapi", resource), "\(connector) \(resource)")
            }
            XCTAssertEqual(Kit.run(connector, phase: "rerun", feeds: feeds, webAPI: server.baseURL, in: directory).status, 0)
            XCTAssertEqual(api.allWrites.map { "\($0.method) \($0.resource)" }, ["POST topology/groups", "POST topology/endpoints"],
                           "\(connector): a re-run of an unchanged day writes nothing (2.3.1 deleted and posted it again)")
        }
    }

    /// The kit's CompressJson run: the same records, gzipped, named `.json.gz`.
    func testACompressedFlatTopology() throws {
        let feeds = try TestHTTPServer(handler: KitFeeds().respond)
        let directory = Kit.directory()
        let result = Kit.run("topology-csv", phase: "json-compressed", feeds: feeds, in: directory)
        XCTAssertEqual(result.status, 0, result.output)
        for kind in ["groups", "endpoints"] {
            XCTAssertEqual(try Kit.gunzip(directory.file("out/EGI/group_\(kind)_2022_10_27.json.gz")),
                           Kit.expected("topology-csv", "group_\(kind)_2022_10_27.json"))
        }
        XCTAssertNil(written(directory, "group_groups_2022_10_27.json"))
    }

    /// A feed answering 503 once is asked again (`[Connection] Retry = 2`) and read.
    func testAFlatFeedIsAskedAgainAfterAFailure() throws {
        let kit = KitFeeds()
        kit.overrides["/static/topology.json"] = .init(status: 503, body: "busy")
        let feeds = try TestHTTPServer { request in
            let answer = kit.respond(request)
            kit.overrides["/static/topology.json"] = nil
            return answer
        }
        let directory = Kit.directory()
        let result = Kit.run("topology-json", phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(feeds.requests.count, 2)
        XCTAssertEqual(written(directory, "group_endpoints_2022_10_27.json"), Kit.expected("topology-json", "group_endpoints_2022_10_27.json"))
    }

    /// A local JSON topology (2.3.1 failed on it), as a file:// URL or a plain path, through `topology --source json`.
    func testALocalJSONTopologyFile() throws {
        let feeds = try TestHTTPServer(handler: KitFeeds().respond)
        let directory = Kit.directory()
        let path = directory.write("topology.json", Paths.fixtureText("gen2/static/topology.json"))
        for url in ["file://\(path)", path] {
            let customer = Kit.file("topology-json.customer.conf", in: directory, feed: feeds.baseURL) {
                $0.replacingOccurrences(of: "\(feeds.baseURL)/static/topology.json", with: url)
            }
            let result = runApp(["topology", "--source", "json", "-c", customer, "-g", Kit.file("global.json.conf", in: directory), "-d", "2022-10-27"])
            XCTAssertEqual(result.status, 0, result.output)
            XCTAssertEqual(written(directory, "group_endpoints_2022_10_27.json"), Kit.expected("topology-json", "group_endpoints_2022_10_27.json"), url)
        }
        XCTAssertTrue(feeds.requests.isEmpty)
    }

    /// The tenant's TopoType picks the source when none is named.
    func testTopologyPicksTheSourceOfTheTenantsTopoType() throws {
        let feeds = try TestHTTPServer(handler: KitFeeds().respond)
        let directory = Kit.directory()
        let customer = Kit.file("topology-csv.customer.conf", in: directory, feed: feeds.baseURL)
        let result = runApp(["topology", "-c", customer, "-g", Kit.file("global.json.conf", in: directory), "-d", "2022-10-27"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(written(directory, "group_groups_2022_10_27.json"), Kit.expected("topology-csv", "group_groups_2022_10_27.json"))
        let wrong = runApp(["topology", "--source", "ldap", "-c", customer, "-g", Kit.file("global.json.conf", in: directory)])
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("--source ldap is not one of gocdb, csv, json"), wrong.stderr)
    }

    func testAFailingAnEmptyAndMalformedFlatTopology() throws {
        let kit = KitFeeds()
        let feeds = try TestHTTPServer(handler: kit.respond)
        let directory = Kit.directory()
        kit.overrides["/static/topology.csv"] = .init(status: 500, body: "down")
        let failed = Kit.run("topology-csv", phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(failed.status, 1, failed.output)
        XCTAssertTrue(failed.stderr.contains("/static/topology.csv: HTTP 500"), failed.stderr)
        XCTAssertNil(written(directory, "group_groups_2022_10_27.json"))
        XCTAssertEqual(state(directory, "topology-ok_2022_10_27"), "False")
        let header = "Service Unique ID,URL,SERVICE_TYPE,SITENAME-SERVICEGROUP,CONTACT_EMAIL\n"
        let cases: [(String, String)] = [
            (header + "a_1,https://a.example.org,web,A,x@example.org\na_2,https://b.example.org,web\n",
             "/static/topology.csv: line 3: 3 fields where the header has 5"),
            ("ID,URL\n1,https://a.example.org\n", #"/static/topology.csv: line 1: the header has no column "Service Unique ID""#),
            (header + "a_1,https://a.example.org,web,\"A\n", "/static/topology.csv: line 2: a quoted field is not closed"),
        ]
        for (body, message) in cases {
            kit.overrides["/static/topology.csv"] = .init(body: body, contentType: "text/csv")
            let malformed = Kit.run("topology-csv", phase: "json", feeds: feeds, in: directory)
            XCTAssertEqual(malformed.status, 1, malformed.output)
            XCTAssertTrue(malformed.stderr.contains(message), malformed.stderr)
            XCTAssertNil(written(directory, "group_groups_2022_10_27.json"), "nothing written")
        }
        kit.overrides["/static/topology.json"] = .init(body: #"{"results": []}"#, contentType: "application/json")
        let shape = Kit.run("topology-json", phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(shape.status, 1, shape.output)
        XCTAssertTrue(shape.stderr.contains("/static/topology.json: expected an array, found object"), shape.stderr)
        kit.overrides["/static/topology.json"] = .init(body: #"[{"Service Unique ID": 1, "URL": 5, "SERVICE_TYPE": "a", "SITENAME-SERVICEGROUP": "g"}]"#)
        let field = Kit.run("topology-json", phase: "json", feeds: feeds, in: directory)
        XCTAssertTrue(field.stderr.contains("[0].URL: expected a string, found number"), field.stderr)
        // A feed with its header alone: an empty topology, written as such (the shrink guard watches collapses).
        kit.overrides["/static/topology.csv"] = .init(body: header, contentType: "text/csv")
        let empty = Kit.run("topology-csv", phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(empty.status, 0, empty.output)
        XCTAssertEqual(written(directory, "group_groups_2022_10_27.json").map { String(decoding: $0, as: UTF8.self) }, "[]")
        XCTAssertEqual(state(directory, "topology-ok_2022_10_27"), "True")
        // A row without a host is left out and counted; contacts left empty give no notifications.
        kit.overrides["/static/topology.csv"] = .init(body: header + "a_1,https://a.example.org:8443/x,web,A,\nb_2,not-a-url,web,A,y@example.org\n")
        let skipped = Kit.run("topology-csv", phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(skipped.status, 0, skipped.output)
        XCTAssertTrue(skipped.stderr.contains("skipped 1 row whose URL has no host"), skipped.stderr)
        let endpoints = try JSONParser.parse([UInt8](XCTUnwrap(written(directory, "group_endpoints_2022_10_27.json"))))
        XCTAssertEqual(endpoints, .array([.object([("type", .string("SERVICEGROUPS")), ("group", .string("A")), ("service", .string("web")),
                                                   ("hostname", .string("a.example.org")),
                                                   ("tags", .object([("scope", .string("EGI")), ("monitored", .string("1")),
                                                                     ("info_URL", .string("https://a.example.org:8443/x")), ("info_ID", .string("a_1"))]))])]))
    }

    // MARK: downtimes-csv-connector.py

    func testCSVDowntimesAsTheConformanceRunWroteAndSentThem() throws {
        let feeds = try TestHTTPServer(handler: KitFeeds().respond)
        let directory = Kit.directory()
        let json = Kit.run("downtimes-csv", phase: "json", feeds: feeds, in: directory, date: "2022-02-21")
        XCTAssertEqual(json.status, 0, json.output)
        XCTAssertEqual(written(directory, "downtimes_2022_02_21.json"), Kit.expected("downtimes-csv", "downtimes_2022_02_21.json"), "byte for byte")
        XCTAssertEqual(state(directory, "downtimes-ok_2022_02_21"), "True")
        let api = FakeWebAPI(tokens: ["tenant-token"])
        let server = try TestHTTPServer(handler: api.respond)
        XCTAssertEqual(Kit.run("downtimes-csv", phase: "webapi", feeds: feeds, webAPI: server.baseURL, in: directory, date: "2022-02-21").status, 0)
        // The same records, each once (2.3.1 sent a downtime listed three times three times).
        var seen = Set<String>()
        let distinct = Kit.sentBody("downtimes-csv", "webapi", "downtimes")?["endpoints"]?.arrayValue?.filter { seen.insert(JSONWriter.serialize($0)).inserted }
        XCTAssertEqual(distinct?.count, 14)
        XCTAssertEqual(api.body("tenant-token", "downtimes", "2022-02-21"), distinct.map { .object([("endpoints", .array($0))]) })
        XCTAssertEqual(Kit.run("downtimes-csv", phase: "rerun", feeds: feeds, webAPI: server.baseURL, in: directory, date: "2022-02-21").status, 0)
        XCTAssertEqual(api.allWrites.map { "\($0.method) \($0.resource)" }, ["POST downtimes"],
                       "one POST for a new day (2.3.1 re-sent after a 201), none for an unchanged one")
        // Another day, UID hostnames: the rows of 2022-02-22, clipped at its start.
        let uid = Kit.run("downtimes-csv", phase: "json", feeds: feeds, in: directory, date: "2022-02-22") {
            $0.replacingOccurrences(of: "TopoUIDServiceEndpoints = False", with: "TopoUIDServiceEndpoints = True")
        }
        XCTAssertEqual(uid.status, 0, uid.output)
        let first = try JSONParser.parse([UInt8](XCTUnwrap(written(directory, "downtimes_2022_02_22.json")))).arrayValue?.first
        XCTAssertEqual(first, .object([("hostname", .string("atmo-flud.neanias.eu_neanias_5")), ("service", .string("Webservice")),
                                       ("start_time", .string("2022-02-22T00:00:00Z")), ("end_time", .string("2022-02-22T19:00:00Z"))]))
    }

    func testCSVDowntimesEmptyFailingAndMalformed() throws {
        let kit = KitFeeds()
        let feeds = try TestHTTPServer(handler: kit.respond)
        let directory = Kit.directory()
        let empty = Kit.run("downtimes-csv", phase: "json", feeds: feeds, in: directory, date: "2022-02-21") {
            $0.replacingOccurrences(of: "DowntimesEmpty = False", with: "DowntimesEmpty = True")
        }
        XCTAssertEqual(empty.status, 0, empty.output)
        XCTAssertEqual(written(directory, "downtimes_2022_02_21.json").map { String(decoding: $0, as: UTF8.self) }, "[]")
        XCTAssertTrue(feeds.requests.isEmpty, "DowntimesEmpty fetches nothing")
        kit.overrides["/static/downtimes.csv"] = .init(status: 503, body: "busy")
        let failed = Kit.run("downtimes-csv", phase: "json", feeds: feeds, in: directory, date: "2022-02-21")
        XCTAssertEqual(failed.status, 1, failed.output)
        XCTAssertEqual(state(directory, "downtimes-ok_2022_02_21"), "False")
        XCTAssertEqual(written(directory, "downtimes_2022_02_21.json").map { String(decoding: $0, as: UTF8.self) }, "[]", "the earlier file kept")
        kit.overrides["/static/downtimes.csv"] = .init(body: "unique_id,url,start_time,end_time,service_type,Severity\nx_1,https://a.example.org,2022-02-21 08:00,2/22/2022 19:00,web,OUTAGE\n")
        let badDate = Kit.run("downtimes-csv", phase: "json", feeds: feeds, in: directory, date: "2022-02-21")
        XCTAssertEqual(badDate.status, 1, badDate.output)
        XCTAssertTrue(badDate.stderr.contains(#"/static/downtimes.csv: line 2: start_time "2022-02-21 08:00" is not a time of the form MM/DD/YYYY HH:MM"#), badDate.stderr)
        // A row without a host is left out and counted, as GOCDB's downtimes without HOSTNAME.
        kit.overrides["/static/downtimes.csv"] = .init(body: "unique_id,url,start_time,end_time,service_type,Severity\n"
            + "x_1,not-a-url,2/21/2022 8:00,2/22/2022 19:00,web,OUTAGE\nx_2,https://b.example.org,2/21/2022 8:00,2/21/2022 9:00,web,OUTAGE\n")
        let hostless = Kit.run("downtimes-csv", phase: "json", feeds: feeds, in: directory, date: "2022-02-21")
        XCTAssertEqual(hostless.status, 0, hostless.output)
        XCTAssertTrue(hostless.stderr.contains("skipped 1 downtime row whose url has no host"), hostless.stderr)
        XCTAssertEqual(try JSONParser.parse([UInt8](XCTUnwrap(written(directory, "downtimes_2022_02_21.json")))).arrayValue?.count, 1)
        let withoutDate = runApp(["-c", Kit.file("downtimes-csv.customer.conf", in: directory), "-g", Kit.file("global.json.conf", in: directory)],
                                 programName: "downtimes-csv-connector.py")
        XCTAssertEqual(withoutDate.status, 2, "a day is required")
    }

    // MARK: service-types-csv-connector.py, service-types-json-connector.py

    func testFlatServiceTypesAsTheConformanceRunsSentThem() throws {
        for connector in ["service-types-csv", "service-types-json"] {
            let feeds = try TestHTTPServer(handler: KitFeeds().respond)
            let api = FakeWebAPI(tokens: ["tenant-token"])
            // The kit's poem types, held for the day before: a GET of the day answers with them (the closest earlier day).
            api.store("tenant-token", "topology/service-types", "2022-10-26", try Kit.webAPIServiceTypes())
            let server = try TestHTTPServer(handler: api.respond)
            let directory = Kit.directory()
            let json = Kit.run(connector, phase: "json", feeds: feeds, webAPI: server.baseURL, in: directory)
            XCTAssertEqual(json.status, 0, json.output)
            XCTAssertEqual(state(directory, "services-ok_2022_10_27"), "True")
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/EGI/EGI_Critical/x")), "no file")
            XCTAssertNil(feeds.requests.first?.headers["authorization"], "no credentials (2.3.1 sent HttpUser's)")
            XCTAssertEqual(Kit.run(connector, phase: "webapi", feeds: feeds, webAPI: server.baseURL, in: directory).status, 0)
            XCTAssertEqual(api.body("tenant-token", "topology/service-types", "2022-10-27"), Kit.sentBody(connector, "webapi", "topology/service-types"),
                           "\(connector): the feed's and the WEB-API's poem types, merged and sorted as 2.3.1 sent them")
            XCTAssertEqual(Kit.run(connector, phase: "rerun", feeds: feeds, webAPI: server.baseURL, in: directory).status, 0)
            XCTAssertEqual(api.allWrites.map { "\($0.method) \($0.resource)" }, ["POST topology/service-types"],
                           "\(connector): a re-run of an unchanged day writes nothing")
        }
    }

    func testFlatServiceTypesInitialAndMalformed() throws {
        let kit = KitFeeds()
        let feeds = try TestHTTPServer(handler: kit.respond)
        let api = FakeWebAPI(tokens: ["tenant-token"])
        let server = try TestHTTPServer(handler: api.respond)
        let directory = Kit.directory()
        let initial = Kit.run("service-types-json", phase: "webapi", feeds: feeds, webAPI: server.baseURL, in: directory, extra: ["--initial"])
        XCTAssertEqual(initial.status, 0, initial.output)
        XCTAssertEqual(api.body("tenant-token", "topology/service-types", "2022-10-27"), .array([
            .object([("name", .string("nextcloud")), ("description", .string("Data sharing service")), ("tags", .array([.string("topology")]))]),
            .object([("name", .string("aai")), ("description", .string("SSO service")), ("tags", .array([.string("topology")]))]),
            .object([("name", .string("WebService")), ("description", .string("ViaLactea service")), ("tags", .array([.string("topology")]))]),
        ]), "each type once, its first row's description, in feed order")
        kit.overrides["/static/topology.json"] = .init(body: Paths.fixtureText("gen2/static/topology.json"))
        let customer = Kit.file("service-types-json.customer.conf", in: directory, feed: feeds.baseURL) {
            $0.replacingOccurrences(of: "servicetypes.json", with: "topology.json")
        }
        let undescribed = runApp(["service-types", "--source", "json", "-c", customer, "-g", Kit.file("global.json.conf", in: directory, webAPI: server.baseURL),
                                  "-d", "2022-10-27", "--initial"])
        XCTAssertEqual(undescribed.status, 1, undescribed.output)
        XCTAssertTrue(undescribed.stderr.contains(#"/static/topology.json: [0]: no "Service Description…" column"#), undescribed.stderr)
        XCTAssertEqual(state(directory, "services-ok_2022_10_27"), "False")
    }
}
