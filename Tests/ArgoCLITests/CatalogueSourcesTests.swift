import Foundation
import XCTest
@testable import ArgoCLI
@testable import ArgoConnectors
@testable import ArgoModel
@testable import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #20: 2.3.1's catalogue sources (topology-agora, topology-lot1sc,
/// topology-provider) on the conformance kit's samples, and their failures.
final class CatalogueSourcesTests: XCTestCase {

    private func written(_ directory: TempDirectory, _ tenant: String, _ kind: String) -> Data? {
        try? Data(contentsOf: URL(fileURLWithPath: directory.file("out/\(tenant)/group_\(kind)_2022_10_27.json")))
    }

    private func state(_ directory: TempDirectory, _ tenant: String) -> String? {
        try? String(contentsOfFile: directory.file("state/\(tenant)/topology-ok_2022_10_27"), encoding: .utf8)
    }

    /// json, webapi and rerun phases: files byte for byte, bodies as sent, the day replaced on a re-run.
    private func checkConformance(_ connector: String, tenant: String, webAPIBodies: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws -> TestHTTPServer {
        let kit = KitFeeds()
        let feeds = try TestHTTPServer(handler: kit.respond)
        let directory = Kit.directory()
        let json = Kit.run(connector, phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(json.status, 0, json.output, file: file, line: line)
        for kind in ["groups", "endpoints"] {
            XCTAssertEqual(written(directory, tenant, kind), Kit.expected(connector, "group_\(kind)_2022_10_27.json"),
                           "\(connector): group_\(kind) byte for byte as 2.3.1 wrote it", file: file, line: line)
        }
        XCTAssertEqual(state(directory, tenant), "True", file: file, line: line)
        let api = FakeWebAPI(tokens: ["tenant-token"])
        let server = try TestHTTPServer(handler: api.respond)
        let webapi = Kit.run(connector, phase: "webapi", feeds: feeds, webAPI: server.baseURL, in: directory)
        XCTAssertEqual(webapi.status, 0, webapi.output, file: file, line: line)
        for (resource, kind) in [("topology/groups", "groups"), ("topology/endpoints", "endpoints")] {
            let expected = webAPIBodies ? Kit.sentBody(connector, "webapi", resource)
                : try JSONParser.parse([UInt8](Kit.expected(connector, "group_\(kind)_2022_10_27.json")))
            XCTAssertEqual(api.body("tenant-token", resource, "2022-10-27"), expected, "\(connector) \(resource)", file: file, line: line)
        }
        let rerun = Kit.run(connector, phase: "rerun", feeds: feeds, webAPI: server.baseURL, in: directory)
        XCTAssertEqual(rerun.status, 0, rerun.output, file: file, line: line)
        XCTAssertEqual(api.allWrites.map { "\($0.method) \($0.resource)" }, ["POST topology/groups", "POST topology/endpoints"],
                       "\(connector): a re-run of an unchanged day writes nothing (2.3.1 deleted and posted it again)", file: file, line: line)
        XCTAssertEqual(state(directory, tenant), "True", file: file, line: line)
        return feeds
    }

    func testAgoraAsTheConformanceRunWroteAndSentIt() throws {
        let feeds = try checkConformance("topology-agora", tenant: "NI4OS")
        let asked = Kit.requests("topology-agora", "feeds")
        XCTAssertEqual(Set(feeds.requests.prefix(2).map(\.path)), Set(asked.map { $0["path"]!.stringValue! }))
        XCTAssertEqual(feeds.requests.first?.headers["accept"], "application/json")
    }

    /// 2.3.1 could not publish LOT1SC (quirk 1): here the json phase's records go to the WEB-API.
    func testLot1scAsTheConformanceRunWroteItAndPublished() throws {
        let feeds = try checkConformance("topology-lot1sc", tenant: "LOT1", webAPIBodies: false)
        XCTAssertEqual(feeds.requests.prefix(2).map(\.target), ["/static/lot1sc.json?tier=1", "/static/lot1sc.json?tier=2"], "one fetch per tier")
    }

    func testLot1scWithoutUIDAndASingleTier() throws {
        let feeds = try TestHTTPServer(handler: KitFeeds().respond)
        let directory = Kit.directory()
        let result = Kit.run("topology-lot1sc", phase: "json", feeds: feeds, in: directory) {
            $0.replacingOccurrences(of: "TopoTiers = 1, 2", with: "TopoTiers = 12").replacingOccurrences(of: "TopoUIDServiceEndpoints = True", with: "TopoUIDServiceEndpoints = False")
        }
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(feeds.requests.map(\.target), ["/static/lot1sc.json?tier=12"], "tier 12 is one tier (2.3.1 asked for 1 and 2)")
        let endpoints = try JSONParser.parse([UInt8](XCTUnwrap(written(directory, "LOT1", "endpoints"))))
        XCTAssertEqual(endpoints.arrayValue?.first, .object([
            ("type", .string("SERVICEGROUPS")), ("group", .string("Test service for datasource 4-6")),
            ("tags", .object([("site_name", .string("PSNC")), ("service_name", .string("FTS web console")),
                              ("info_URL", .string("https://testUrlEndpoint.com")), ("tier", .string("12"))])),
            ("service", .string("service.type.1")), ("hostname", .string("testUrlEndpoint.com")),
        ]))
    }

    func testProviderAsTheConformanceRunWroteAndSentIt() throws {
        let feeds = try checkConformance("topology-provider", tenant: "EOSC")
        // The json phase's requests as 2.3.1 sent them: one grant, then the three listings paged by from/quantity.
        let asked = Kit.requests("topology-provider", "feeds")
        let json = feeds.requests.prefix(asked.count)
        XCTAssertEqual(Set(json.map(\.target)), Set(asked.map { q in "\(q["path"]!.stringValue!)" + (q["query"]!.stringValue!.isEmpty ? "" : "?\(q["query"]!.stringValue!)") }))
        XCTAssertEqual(String(decoding: json.first!.body, as: UTF8.self), asked[0]["body"]?.stringValue, "the grant 2.3.1 sent")
        XCTAssertEqual(Set(json.dropFirst().map { $0.headers["authorization"] ?? "" }), ["Bearer oidc-access-1"])
    }

    func testTheRefreshTokenRotatesAndIsKept() throws {
        let kit = KitFeeds()
        kit.acceptedRefreshTokens = ["initial-refresh-token"]
        let feeds = try TestHTTPServer(handler: kit.respond)
        let directory = Kit.directory()
        XCTAssertEqual(Kit.run("topology-provider", phase: "json", feeds: feeds, in: directory).status, 0)
        let tokenFile = directory.file("state/EOSC/oidc-refresh-token.json")
        XCTAssertEqual(try String(contentsOfFile: tokenFile, encoding: .utf8), Paths.fixtureText("gen2/expected/topology-provider/provider_token.json"),
                       "the rotated token kept as 2.3.1 kept it")
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: tokenFile)[.posixPermissions] as? Int), 0o600)
        // The next run presents the rotated token (the initial one is refused now).
        let second = Kit.run("topology-provider", phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(second.status, 0, second.output)
        XCTAssertTrue(try String(contentsOfFile: tokenFile, encoding: .utf8).contains(#""next": "oidc-refresh-2""#))
        XCTAssertFalse(second.output.contains("oidc-refresh") || second.output.contains("oidc-access") || second.output.contains("initial-refresh"),
                       "no token in any message")
    }

    func testARefusedTokenIsAClearErrorAndKept() throws {
        let kit = KitFeeds()
        kit.acceptedRefreshTokens = ["another-token"]
        let feeds = try TestHTTPServer(handler: kit.respond)
        let directory = Kit.directory()
        let refused = Kit.run("topology-provider", phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(refused.status, 1, refused.output)
        XCTAssertTrue(refused.stderr.contains("/oidc/token: the token endpoint refused the refresh token (HTTP 400: invalid_grant (Token is not active))"),
                      refused.stderr)
        XCTAssertFalse(refused.output.contains("initial-refresh-token"), "the token is not shown")
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EOSC/oidc-refresh-token.json"), encoding: .utf8),
                       #"{"previous": "initial-refresh-token", "next": "initial-refresh-token"}"#, "the token kept for the next run")
        XCTAssertEqual(feeds.requests.map(\.path), ["/oidc/token"], "nothing else asked")
        XCTAssertEqual(state(directory, "EOSC"), "False")
        XCTAssertNil(written(directory, "EOSC", "groups"))
    }

    func testAFailingAnEmptyAndAMalformedCatalogue() throws {
        let kit = KitFeeds()
        let feeds = try TestHTTPServer(handler: kit.respond)
        let directory = Kit.directory()
        kit.overrides["/static/agora-resources.json"] = .init(status: 500, body: "down")
        let failed = Kit.run("topology-agora", phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(failed.status, 1, failed.output)
        XCTAssertTrue(failed.stderr.contains("/static/agora-resources.json: HTTP 500"), failed.stderr)
        XCTAssertEqual(state(directory, "NI4OS"), "False")
        kit.overrides["/static/agora-resources.json"] = .init(body: #"{"resources": []}"#)
        let shape = Kit.run("topology-agora", phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(shape.status, 1, shape.output)
        XCTAssertTrue(shape.stderr.contains("/static/agora-resources.json: expected an array, found object"), shape.stderr)
        kit.overrides["/static/agora-resources.json"] = .init(body: "[]")
        kit.overrides["/static/agora-providers.json"] = .init(body: "[]")
        let empty = Kit.run("topology-agora", phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(empty.status, 0, empty.output)
        XCTAssertEqual(written(directory, "NI4OS", "groups").map { String(decoding: $0, as: UTF8.self) }, "[]")
        kit.overrides["/static/lot1sc.json"] = .init(body: #"{"result": [{"providerId": "P", "serviceMonitorings": [{"name": "S", "sites": [{"name": "x", "endpoints": [{"name": "e", "url": "https://e.example.org", "monitoringServiceTypes": "web"}]}]}]}]}"#)
        let lot1 = Kit.run("topology-lot1sc", phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(lot1.status, 1, lot1.output)
        XCTAssertTrue(lot1.stderr.contains("result[0].serviceMonitorings[0].sites[0].endpoints[0].monitoringServiceTypes: expected an array, found string"), lot1.stderr)
        // A portal page that does not advance is an error, not an endless loop.
        kit.overrides["/eosc/providers"] = .init(body: #"{"total": 5, "from": 0, "to": 0, "results": []}"#)
        let stuck = Kit.run("topology-provider", phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(stuck.status, 1, stuck.output)
        XCTAssertTrue(stuck.stderr.contains("/eosc/providers: page from 0 to 0 of 5 does not advance"), stuck.stderr)
    }

    func testASCIITransliterationOfCatalogueIDs() {
        XCTAssertEqual(try ASCIITransliteration.ascii("Institut Ruđer Bošković"), "Institut Ruder Boskovic")
        XCTAssertEqual(try ASCIITransliteration.ascii("Српска академија"), "Srpska akademija")
        XCTAssertEqual(try ASCIITransliteration.ascii("Πανεπιστήμιο"), "Panepistemio")
        XCTAssertEqual(try ASCIITransliteration.ascii("Straße"), "Strasse")
        XCTAssertEqual(try RemoveNonUTF.ascii("a+b@c d\"é"), "a_plus_b_at_c_de")
        XCTAssertEqual(UUID3.string(namespace: UUID3.urlNamespace, name: "differenturlpath"), "2fcf95f1-858b-311a-97aa-52d7e1fe66eb")
    }
}

/// Issue #20: a catalogue tenant's options that go together are checked
/// together; the shrink guard keeps a catalogue topology that collapses.
final class CatalogueSourcesConfigTests: XCTestCase {
    func testACatalogueTenantLackingAnOptionItNeedsIsRefusedByName() throws {
        let directory = Kit.directory()
        let global = Kit.file("global.json.conf", in: directory)
        let cases = [("topology-provider", "TopoFeedServiceEndpoints = @FEED@/eosc/resources\n", "TopoType = EOSC-PROVIDERS needs TopoFeedServiceEndpoints"),
                     ("topology-agora", "TopoFeedServiceGroups = @FEED@/static/agora-providers.json\n", "TopoType = AGORA needs TopoFeedServiceGroups"),
                     ("topology-lot1sc", "TopoTiers = 1, 2\n", "TopoType = LOT1SC needs TopoTiers")]
        for (connector, removed, message) in cases {
            let text = Paths.fixtureText("gen2/\(connector).customer.conf").replacingOccurrences(of: removed, with: "")
                .replacingOccurrences(of: "@OUT@", with: directory.file("out")).replacingOccurrences(of: "@FEED@", with: "http://127.0.0.1:9")
            let customer = directory.write("\(connector).conf", text, mode: 0o600)
            let checked = runApp(["validate-config", "-c", customer, "-g", global])
            XCTAssertEqual(checked.status, 1, checked.output)
            XCTAssertTrue(checked.stdout.contains(message), checked.stdout)
            let run = runApp(["topology", "-c", customer, "-g", global, "-d", "2022-10-27"])
            XCTAssertEqual(run.status, 1, run.output)
            XCTAssertTrue(run.stderr.contains("not run: \(customer):"), run.stderr)
        }
        // The portal's OIDC grant is optional (upstream devel); one of its two options alone is said.
        let text = Paths.fixtureText("gen2/topology-provider.customer.conf").replacingOccurrences(of: "OIDCTokenEndpoint = @FEED@/oidc/token\n", with: "")
            .replacingOccurrences(of: "@OUT@", with: directory.file("out")).replacingOccurrences(of: "@FEED@", with: "http://127.0.0.1:9")
        let checked = runApp(["validate-config", "-c", directory.write("anonymous.conf", text, mode: 0o600), "-g", global])
        XCTAssertEqual(checked.status, 0, checked.output)
        XCTAssertTrue(checked.stdout.contains("anonymous.conf:14: warning: [CUSTOMER_EOSC] has OIDCRefreshToken but no OIDCTokenEndpoint: the portal is read anonymously, without a token"),
                      checked.stdout)
    }

    /// The portal's refresh token is a secret like the others: a customer.conf others can read is said.
    func testACustomerFileWithARefreshTokenMustNotBeReadableByOthers() throws {
        let directory = Kit.directory()
        let customer = Kit.file("topology-provider.customer.conf", in: directory)
        let global = Kit.file("global.json.conf", in: directory)
        XCTAssertTrue(runApp(["validate-config", "-c", customer, "-g", global]).stdout.contains("valid (0 warnings)"))
        // Its only secret now the refresh token.
        Kit.file("topology-provider.customer.conf", in: directory) { $0.replacingOccurrences(of: "WebAPIToken = tenant-token\n", with: "") }
        chmod(customer, 0o644)
        let result = runApp(["validate-config", "-c", customer, "-g", global])
        XCTAssertTrue(result.stdout.contains("\(customer): warning: holds a token or password but is readable by group or others (mode 644); chmod 600 it"), result.stdout)
    }

    func testTheShrinkGuardKeepsACatalogueTopologyThatCollapses() throws {
        let kit = KitFeeds()
        let feeds = try TestHTTPServer(handler: kit.respond)
        let directory = Kit.directory()
        XCTAssertEqual(Kit.run("topology-lot1sc", phase: "json", feeds: feeds, in: directory).status, 0)
        kit.overrides["/static/lot1sc.json"] = .init(body: #"{"result": []}"#)
        let collapsed = Kit.run("topology-lot1sc", phase: "json", feeds: feeds, in: directory)
        XCTAssertEqual(collapsed.status, 1, collapsed.output)
        XCTAssertTrue(collapsed.stderr.contains("refused, nothing written or published; earlier files kept"), collapsed.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory.file("out/LOT1/group_endpoints_2022_10_27.json"))),
                       Kit.expected("topology-lot1sc", "group_endpoints_2022_10_27.json"))
        // Kept for `argo-connectors check`, until a run passes.
        let refusal = try JSONParser.parse(LocalFiles.read(directory.file("state/LOT1/topology-refused")))
        XCTAssertEqual(refusal["date"], .string("2022-10-27"))
        XCTAssertTrue(refusal["reason"]?.stringValue?.contains("TopologyGroupOfEndpoints has 0 records where the run of 2022-10-27 had 16") == true, "\(refusal)")
        let accepted = Kit.run("topology-lot1sc", phase: "json", feeds: feeds, in: directory, extra: ["--allow-shrink"])
        XCTAssertEqual(accepted.status, 0, accepted.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("state/LOT1/topology-refused")))
    }
}

/// Issue #20: every new connector against a failing feed and an empty one:
/// a failing feed fails the tenant (exit 1, state False, nothing written);
/// an empty feed is an empty day where that is a day (topology, downtimes)
/// and an error where it cannot be (service types).
final class FailingAndEmptyFeedTests: XCTestCase {
    /// connector, tenant, state file, the feed paths that fail or are empty, their empty body, whether empty is a day, extra arguments.
    static let cases: [(String, String, String, [String], String, Bool, [String])] = [
        ("topology-csv", "EGI", "topology-ok_2022_10_27", ["/static/topology.csv"],
         "Service Unique ID,URL,SERVICE_TYPE,SITENAME-SERVICEGROUP,CONTACT_EMAIL\n", true, []),
        ("topology-json", "EGI", "topology-ok_2022_10_27", ["/static/topology.json"], "[]", true, []),
        ("topology-provider", "EOSC", "topology-ok_2022_10_27", ["/eosc/resources", "/eosc/providers", "/eosc/extensions"], #"{"total": 0, "from": 0, "to": 0, "results": []}"#, true, []),
        ("topology-agora", "NI4OS", "topology-ok_2022_10_27", ["/static/agora-resources.json", "/static/agora-providers.json"], "[]", true, []),
        ("topology-lot1sc", "LOT1", "topology-ok_2022_10_27", ["/static/lot1sc.json"], #"{"result": []}"#, true, []),
        ("downtimes-csv", "EGI", "downtimes-ok_2022_10_27", ["/static/downtimes.csv"], "unique_id,url,start_time,end_time,service_type,Severity\n", true, []),
        ("service-types-csv", "EGI", "services-ok_2022_10_27", ["/static/topology.csv"],
         "Service Unique ID,URL,SERVICE_TYPE,Service Description,SITENAME-SERVICEGROUP\n", false, ["--initial"]),
        ("service-types-json", "EGI", "services-ok_2022_10_27", ["/static/servicetypes.json"], "[]", false, ["--initial"]),
    ]

    func testEveryNewConnectorAgainstAFailingAndAnEmptyFeed() throws {
        for (connector, tenant, stateFile, paths, emptyBody, emptyIsADay, extra) in Self.cases {
            let kit = KitFeeds()
            let feeds = try TestHTTPServer(handler: kit.respond)
            let directory = Kit.directory()
            let state = { try? String(contentsOfFile: directory.file("state/\(tenant)/\(stateFile)"), encoding: .utf8) }
            let outputs = { (try? FileManager.default.contentsOfDirectory(atPath: directory.file("out/\(tenant)")))?.filter { $0.hasSuffix(".json") } ?? [] }
            for path in paths { kit.overrides[path] = .init(status: 500, body: "down") }
            let failed = Kit.run(connector, phase: "json", feeds: feeds, in: directory, extra: extra)
            XCTAssertEqual(failed.status, 1, "\(connector): \(failed.output)")
            XCTAssertTrue(failed.stderr.contains("ERROR ") && failed.stderr.contains(paths[0]) && failed.stderr.contains(": HTTP 500"),
                          "\(connector): the URL and the status: \(failed.stderr)")
            XCTAssertEqual(state(), "False", connector)
            XCTAssertEqual(outputs(), [], "\(connector): nothing written")
            for path in paths { kit.overrides[path] = .init(body: emptyBody) }
            let empty = Kit.run(connector, phase: "json", feeds: feeds, in: directory, extra: extra)
            if emptyIsADay {
                XCTAssertEqual(empty.status, 0, "\(connector): \(empty.output)")
                XCTAssertEqual(state(), "True", connector)
                XCTAssertFalse(outputs().isEmpty, connector)
                for file in outputs() {
                    let records = try JSONParser.parse(LocalFiles.read(directory.file("out/\(tenant)/\(file)"))).arrayValue
                    XCTAssertNotNil(records, "\(connector) \(file)")
                    if file.hasPrefix("group_endpoints") || file.hasPrefix("downtimes") { XCTAssertEqual(records?.count, 0, "\(connector) \(file)") }
                }
            } else {
                XCTAssertEqual(empty.status, 1, "\(connector): \(empty.output)")
                XCTAssertTrue(empty.stderr.contains("no service type listed: nothing posted"), "\(connector): \(empty.stderr)")
                XCTAssertEqual(state(), "False", connector)
            }
        }
    }
}
