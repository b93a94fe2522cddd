import Foundation
import XCTest
import ArgoCLI
import ArgoConnectors
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #14: the ARGO WEB-API as a third destination, and JSON files.
final class WebAPITests: XCTestCase {
    static let token = "webapi-secret-token"

    /// A GOCDB with two sites (two endpoints each) and a service group holding one endpoint.
    static func gocdb() throws -> TestHTTPServer {
        let sites = "<results><SITE NAME=\"S1\"><ROC>NGI_A</ROC><SCOPES><SCOPE>EGI</SCOPE></SCOPES></SITE>"
            + "<SITE NAME=\"S2\"><ROC>NGI_B</ROC><SCOPES><SCOPE>EGI</SCOPE></SCOPES></SITE></results>"
        let endpoint = { (key: String, host: String, site: String) in
            "<SERVICE_ENDPOINT PRIMARY_KEY=\"\(key)\"><HOSTNAME>\(host)</HOSTNAME><SERVICE_TYPE>CE</SERVICE_TYPE><IN_PRODUCTION>Y</IN_PRODUCTION>"
                + "<NODE_MONITORED>Y</NODE_MONITORED><SITENAME>\(site)</SITENAME><SCOPES><SCOPE>EGI</SCOPE></SCOPES></SERVICE_ENDPOINT>"
        }
        let endpoints = "<results>" + endpoint("1", "a.s1.org", "S1") + endpoint("2", "b.s1.org", "S1") + endpoint("3", "a.s2.org", "S2")
            + endpoint("4", "b.s2.org", "S2") + "</results>"
        let groups = "<results><SERVICE_GROUP><NAME>G1</NAME><MONITORED>Y</MONITORED><SCOPES><SCOPE>EGI</SCOPE></SCOPES>"
            + endpoint("9", "g.org", "S1") + "</SERVICE_GROUP></results>"
        let downtimes = "<results><DOWNTIME CLASSIFICATION=\"SCHEDULED\"><SEVERITY>OUTAGE</SEVERITY><HOSTNAME>a.s1.org</HOSTNAME>"
            + "<SERVICE_TYPE>CE</SERVICE_TYPE><FORMATED_START_DATE>2026-11-28 08:00</FORMATED_START_DATE>"
            + "<FORMATED_END_DATE>2026-11-28 10:00</FORMATED_END_DATE></DOWNTIME></results>"
        return try TestHTTPServer { request in
            switch request.query["method"] {
            case "get_site": return .init(body: sites)
            case "get_service_endpoint": return .init(body: endpoints)
            case "get_service_group": return .init(body: groups)
            default: return .init(body: downtimes)
            }
        }
    }

    /// Jobs: two Sites jobs (one selecting NGI_A, one all: their union has duplicates) and a ServiceGroups job.
    func config(_ directory: TempDirectory, gocdb: TestHTTPServer, webAPI: TestHTTPServer, token: String = token,
                        vapor: String = #"[{"ngi": "NGI_A", "site": [{"id": "S1", "ComputationPower": 12.5}, {"id": "S2", "ComputationPower": 3}]}]"#) -> [String] {
        let feed = "TopoFeed = \(gocdb.baseURL)/gocdbpi/\nDowntimesFeed = \(gocdb.baseURL)/gocdbpi/\n"
            + "WeightsFeed = file://\(directory.write("vapor.json", vapor))"
        let jobs = [("JOB_A", "Critical", feed + "\nTopoSelectGroupOfGroups = NGI:NGI_A"), ("JOB_ALL", "All", feed),
                    ("JOB_SG", "Groups", feed + "\nTopoFetchType = ServiceGroups")]
        var files = ConfigFiles(in: directory, customers: customerConf(extra: "WebAPIToken = \(token)\n", jobs: jobs))
        files.set("General", "PublishWebAPI", "True")
        files.set("WebAPI", "Host", webAPI.baseURL)
        files.set("Connection", "Retry", "2")
        return files.write()
    }

    func strings(_ value: JSONValue?) -> [String] {
        (value?.arrayValue ?? []).map { JSONWriter.serialize($0) }
    }

    func testTopologyOfBothFetchTypesIsPostedOncePerCustomerAsAUnionWithoutDuplicates() throws {
        let api = FakeWebAPI(tokens: [Self.token])
        let (server, gocdb) = (try TestHTTPServer(handler: api.respond), try Self.gocdb())
        let directory = TempDirectory()
        let result = runApp(["topology", "-d", "2026-11-28"] + config(directory, gocdb: gocdb, webAPI: server))
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(api.allWrites.map { "\($0.method) \($0.resource) \($0.date)" }.sorted(),
                       ["POST topology/endpoints 2026-11-28", "POST topology/groups 2026-11-28"], "one POST per resource for the customer")
        XCTAssertEqual(strings(api.body(Self.token, "topology/groups", "2026-11-28")), [
            #"{"type": "NGI", "group": "NGI_A", "subgroup": "S1", "tags": {"certification": "", "infrastructure": "", "scope": "EGI"}}"#,
            #"{"type": "NGI", "group": "NGI_B", "subgroup": "S2", "tags": {"certification": "", "infrastructure": "", "scope": "EGI"}}"#,
            #"{"type": "PROJECT", "group": "EGI", "subgroup": "G1", "tags": {"monitored": "1", "scope": "EGI"}}"#,
        ])
        let endpoints = strings(api.body(Self.token, "topology/endpoints", "2026-11-28"))
        XCTAssertEqual(endpoints.count, 5, "S1's two endpoints (in both Sites jobs) once, S2's two, the group's one: \(endpoints)")
        XCTAssertEqual(Set(endpoints).count, endpoints.count)
        XCTAssertTrue(endpoints.contains(#"{"type": "SERVICEGROUPS", "group": "G1", "service": "CE", "hostname": "g.org", "tags": {"scope": "EGI", "monitored": "1", "production": "1"}}"#),
                      "\(endpoints)")
        XCTAssertEqual(avroLines(directory.file("out/Critical/group_groups_2026_11_28.avro")).count, 1, "the Avro files are written too")
        XCTAssertFalse(result.output.contains(Self.token))
    }

    func testRerunningADayReplacesItsDataRatherThanDuplicatingIt() throws {
        let api = FakeWebAPI(tokens: [Self.token])
        let (server, gocdb) = (try TestHTTPServer(handler: api.respond), try Self.gocdb())
        let directory = TempDirectory()
        let args = config(directory, gocdb: gocdb, webAPI: server)
        func runAll() {
            for connector in ["topology", "downtimes", "weights"] {
                let result = runApp([connector, "-d", "2026-11-28"] + args)
                XCTAssertEqual(result.status, 0, "\(connector): \(result.output)")
            }
        }
        runAll()
        XCTAssertEqual(api.allWrites.count, 6, "groups, endpoints, downtimes, three reports' weights")
        // The same day again: the WEB-API holds it already, nothing is written.
        runAll()
        XCTAssertEqual(api.allWrites.count, 6, "\(api.allWrites)")
        // The WEB-API holding an older day (another group, downtimes ending at 09:00) and other weights: each replaced once.
        api.store(Self.token, "topology/groups", "2026-11-28", [.object([("type", .string("NGI")), ("group", .string("OLD")), ("subgroup", .string("S0"))])])
        api.store(Self.token, "downtimes", "2026-11-28", [.object([("hostname", .string("a.s1.org")), ("service", .string("CE")),
            ("start_time", .string("2026-11-28T08:00:00Z")), ("end_time", .string("2026-11-28T09:00:00Z"))])])
        directory.write("vapor.json", #"[{"ngi": "NGI_A", "site": [{"id": "S1", "ComputationPower": 12.5}, {"id": "S2", "ComputationPower": 4}]}]"#)
        runAll()
        let writes = api.allWrites.dropFirst(6).map { "\($0.method) \($0.resource)" }
        XCTAssertEqual(writes, ["DELETE topology/groups", "POST topology/groups", "DELETE downtimes", "POST downtimes",
                                "PUT weights", "PUT weights", "PUT weights"], "the changed resources alone, each once")
        XCTAssertEqual(api.body(Self.token, "topology/groups", "2026-11-28")?.arrayValue?.count, 3)
        XCTAssertEqual(strings(api.body(Self.token, "downtimes", "2026-11-28").flatMap { $0["endpoints"] }),
                       [#"{"hostname": "a.s1.org", "service": "CE", "start_time": "2026-11-28T08:00:00Z", "end_time": "2026-11-28T10:00:00Z"}"#])
        XCTAssertEqual(api.weights(Self.token, "2026-11-28", "Critical").map { JSONWriter.serialize($0) },
                       #"{"weight_type": "computationpower", "group_type": "SITES", "name": "Critical", "groups": [{"name": "S1", "value": 12.5}, {"name": "S2", "value": 4}]}"#)
    }

    func testRefusalsNameTheServersMessageAndTheOtherOutputsAreStillWritten() throws {
        let api = FakeWebAPI(tokens: [Self.token])
        let (server, gocdb) = (try TestHTTPServer(handler: api.respond), try Self.gocdb())
        let directory = TempDirectory()
        let unauthorized = runApp(["weights", "-d", "2026-11-28"] + config(directory, gocdb: gocdb, webAPI: server, token: "wrong-token"))
        XCTAssertEqual(unauthorized.status, 1, unauthorized.output)
        XCTAssertTrue(unauthorized.stderr.contains("WEB-API refused POST weights: HTTP 401 Unauthorized"), unauthorized.stderr)
        XCTAssertEqual(avroLines(directory.file("out/Critical/weights_2026_11_28.avro")).count, 2, "the Avro file is written regardless")
        XCTAssertFalse(unauthorized.output.contains("wrong-token"))
        api.badRequest = "groups 0: tags must map names to strings"
        let badRequest = runApp(["topology", "-d", "2026-11-28"] + config(directory, gocdb: gocdb, webAPI: server))
        XCTAssertEqual(badRequest.status, 1, badRequest.output)
        XCTAssertTrue(badRequest.stderr.contains("HTTP 400 groups 0: tags must map names to strings"), badRequest.stderr)
        XCTAssertTrue(badRequest.stderr.contains("the customer's jobs fail"), badRequest.stderr)
    }

    func testServiceUnavailableIsRetriedThenSucceeds() throws {
        let api = FakeWebAPI(tokens: [Self.token])
        api.failFirst = 2
        let (server, gocdb) = (try TestHTTPServer(handler: api.respond), try Self.gocdb())
        let directory = TempDirectory()
        let result = runApp(["downtimes", "-d", "2026-11-28"] + config(directory, gocdb: gocdb, webAPI: server))
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stderr.contains("HTTP 503"), "the retries are logged: \(result.stderr)")
        XCTAssertEqual(api.allWrites.map(\.resource), ["downtimes"])
    }

    func testAWeightThatIsNotANumberFailsItsJob() throws {
        let api = FakeWebAPI(tokens: [Self.token])
        let (server, gocdb) = (try TestHTTPServer(handler: api.respond), try Self.gocdb())
        let vapor = #"[{"ngi": "NGI_A", "site": [{"id": "S1", "ComputationPower": "lots"}]}]"#
        let directory = TempDirectory()
        let result = runApp(["weights", "-d", "2026-11-28"] + config(directory, gocdb: gocdb, webAPI: server, vapor: vapor))
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stderr.contains("weight of site S1 is 'lots', not a number"), result.stderr)
    }

    func testValidateConfigWantsHostAndTokenPerCustomer() throws {
        let directory = TempDirectory()
        var files = ConfigFiles(in: directory, customers: customerConf(jobs: [("JOB_A", "A", "")]))
        files.set("General", "PublishWebAPI", "True")
        let result = runApp(["validate-config"] + files.write())
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("[CUSTOMER_EGI] PublishWebAPI is on but the [WebAPI] settings lack Host (or WebAPIHost in [CUSTOMER_EGI]), Token (or WebAPIToken in [CUSTOMER_EGI])"),
                      result.stdout)
    }

    // MARK: JSON files

    func testJsonFilesHoldTheAvroRecordsAlsoWithoutAvro() throws {
        let gocdb = try Self.gocdb()
        for writeAvro in ["True", "False"] {
            let directory = TempDirectory()
            var files = ConfigFiles(in: directory, customers: customerConf(jobs: [("JOB_A", "A", "TopoFeed = \(gocdb.baseURL)/gocdbpi/")]))
            files.set("General", "WriteJson", "True")
            files.set("General", "WriteAvro", writeAvro)
            let result = runApp(["topology", "-d", "2026-11-28"] + files.write())
            XCTAssertEqual(result.status, 0, result.output)
            let json = files.outputDir + "/A/group_endpoints_2026_11_28.json"
            let printed = runApp(["cat", json]).stdout.split(separator: "\n").map(String.init)
            XCTAssertEqual(printed.count, 4)
            XCTAssertEqual(runApp(["cat", "--count", json]).stdout, "4\n")
            let avro = files.outputDir + "/A/group_endpoints_2026_11_28.avro"
            if writeAvro == "True" {
                XCTAssertEqual(printed, avroLines(avro), "the same records, in the same order")
            } else {
                XCTAssertFalse(FileManager.default.fileExists(atPath: avro))
            }
        }
    }
}
