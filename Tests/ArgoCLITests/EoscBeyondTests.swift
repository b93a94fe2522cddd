import Foundation
import XCTest
import ArgoCLI
import ArgoModel
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #28, point 4: the EOSC Beyond provider API (upstream devel,
/// ../shared/spec/argo-connectors-devel.md section 1) beside 2.3.1's bundles,
/// told apart by the listings' records; OIDC optional. The feeds are made
/// here: the spec's worked example (1.3), the same entities as 2.3.1
/// bundles, and cases devel mishandles.
final class EoscBeyondTests: XCTestCase {
    // MARK: the worked example's entities

    private static let cineca: [(String, JSONValue)] = [
        ("id", .string("21.T15999/llB2t3")), ("abbreviation", .string("CINECA")), ("name", .string("CINECA")),
        ("website", .string("https://www.cineca.it/")), ("tags", .array([.string("High Performance Computing ")])),
        ("publicContacts", .array([.object([("email", .string("redacted@example.com"))])])),
    ]
    private static let ictlc: [(String, JSONValue)] = [
        ("id", .string("21.T15999/kKG7EL")), ("abbreviation", .string("ICTLC")), ("name", .string("ICT Legal Consulting")),
        ("website", .string("https://www.ictlc.com/?lang=en")), ("tags", .array([])),
    ]
    private static func service(_ id: String, _ name: String, provider: String, webpage: String, tags: [String]) -> [(String, JSONValue)] {
        [("id", .string(id)), ("name", .string(name)), ("resourceOrganisation", .string(provider)), ("webpage", .string(webpage)),
         ("tags", .array(tags.map(JSONValue.string))), ("horizontalService", .bool(false)),
         ("publicContacts", .array([.object([("email", .string("redacted@example.com"))])]))]
    }
    private static let assessment = service("21.T15999/uxIE5y", "3rd-Party Data Security Assessment", provider: "21.T15999/kKG7EL",
                                            webpage: "https://ictlc.com/ICTLC_2023_3rd-Party%20Data%20Security%20Assessment.pdf",
                                            tags: ["Cybersecurity", "Supply Chain", "Supply Chain Management", "GDPR", "Audit", "Data Breach", "ENISA"])
    private static let iscra = service("21.T15999/xVQZOZ", " Italian SuperComputing Resource Allocation - ISCRA", provider: "21.T15999/llB2t3",
                                       webpage: "https://www.hpc.cineca.it/services/iscra", tags: [])
    private static func cti(_ id: String, resource: String, payload: JSONValue) -> JSONValue {
        .object([("id", .string(id)), ("configurationTemplateId", .string("t")), ("resourceId", .string(resource)), ("payload", payload)])
    }
    private static func serviceCheck(_ type: String, _ endpoint: String) -> JSONValue {
        .object([("serviceCheck", .array([.object([("serviceType", .string(type)), ("endpoint", .string(endpoint))])]))])
    }
    private static let oai = JSONValue.object([("protocol", .string("OAI-PMH")), ("baseURL", .string("https://oai.example.org"))])
    private static let instances: [JSONValue] = [
        cti("cti/zaqp09", resource: "21.T15999/y0c98F", payload: oai), cti("cti/93fp20", resource: "21.T15999/y0c98F", payload: oai),
        cti("cti/8wEjbu", resource: "21.T15999/uxIE5y", payload: serviceCheck("eu.eosc.generic.json", "https://example.com")),
        cti("cti/qykSlW", resource: "21.T15999/xVQZOZ", payload: serviceCheck("eu.eosc.argo.mon", "https://www.google.com")),
    ]

    /// A portal serving three listings (`{"total", "from", "to", "results"}`), paged by `from`/`quantity`, noting what it was sent.
    private final class Portal {
        var listings: [String: [JSONValue]]
        private(set) var authorizations: [String] = []
        private let lock = NSLock()
        init(_ listings: [String: [JSONValue]]) { self.listings = listings }

        func respond(_ request: TestHTTPServer.Request) -> TestHTTPServer.Response {
            lock.lock(); defer { lock.unlock() }
            if let authorization = request.headers["authorization"] { authorizations.append(authorization) }
            guard let all = listings[String(request.path.split(separator: "/").last ?? "")] else { return .init(status: 404, body: "{}") }
            let from = Int(request.query["from"] ?? "") ?? 0, quantity = Int(request.query["quantity"] ?? "") ?? 1
            let page = Array(all.dropFirst(from).prefix(quantity))
            return .init(body: JSONWriter.serialize(.object([("total", .number("\(all.count)")), ("from", .number("\(from)")),
                                                             ("to", .number("\(from + page.count)")), ("results", .array(page))])),
                         contentType: "application/json")
        }
    }

    private static func beyondListings() -> [String: [JSONValue]] {
        ["providers": [.object(cineca), .object(ictlc)], "resources": [.object(assessment), .object(iscra)], "extensions": instances]
    }

    /// The tenant of the kit's provider configuration on `portal`, without OIDC options (anonymous) unless `oidc`.
    private func run(_ portal: TestHTTPServer, in directory: TempDirectory, uid: Bool = true) -> RunResult {
        let customer = Kit.file("topology-provider.customer.conf", in: directory, feed: portal.baseURL) { text in
            text.replacingOccurrences(of: "/eosc/", with: "/beyond/")
                .replacingOccurrences(of: "OIDCRefreshToken = initial-refresh-token\n", with: "")
                .replacingOccurrences(of: "OIDCTokenEndpoint = \(portal.baseURL)/oidc/token\n", with: "")
                .replacingOccurrences(of: "TopoUIDServiceEndpoints = True", with: "TopoUIDServiceEndpoints = \(uid ? "True" : "False")")
        }
        return runApp(["topology", "-c", customer, "-g", Kit.file("global.json.conf", in: directory), "-d", "2022-10-27"])
    }

    private func written(_ directory: TempDirectory, _ kind: String) throws -> [String] {
        let document = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: directory.file("out/EOSC/group_\(kind)_2022_10_27.json")))))
        return (document.arrayValue ?? []).map { JSONWriter.serialize($0) }
    }

    /// The worked example: devel's records, anonymously, but for one
    /// difference: names trimmed everywhere (devel kept ISCRA's leading blank
    /// in its group and subgroup, but not in its extension's group).
    func testTheBeyondAPIAsDevelReadsItAnonymously() throws {
        let portal = Portal(Self.beyondListings())
        let server = try TestHTTPServer(handler: portal.respond)
        let directory = Kit.directory()
        let result = run(server, in: directory)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(portal.authorizations, [], "no token options: no grant, no Authorization header")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("state/EOSC/oidc-refresh-token.json")), "no token file")
        XCTAssertEqual(try written(directory, "groups"), [
            #"{"type": "PROJECT", "group": "CINECA", "subgroup": "Italian SuperComputing Resource Allocation - ISCRA", "tags": {"provider_tags": "High Performance Computing", "info_projectid": "21.T15999/llB2t3"}}"#,
            #"{"type": "PROJECT", "group": "ICTLC", "subgroup": "3rd-Party Data Security Assessment", "tags": {"info_projectid": "21.T15999/kKG7EL"}}"#,
        ])
        XCTAssertEqual(try written(directory, "endpoints"), [
            #"{"type": "SERVICEGROUPS", "service": "eu.eosc.portal.services.url", "group": "3rd-Party Data Security Assessment", "hostname": "ictlc.com_21.T15999/uxIE5y", "tags": {"service_tags": "Cybersecurity, Supply Chain, Supply Chain Management, GDPR, Audit, Data Breach, ENISA", "info_URL": "https://ictlc.com/ICTLC_2023_3rd-Party%20Data%20Security%20Assessment.pdf", "info_ID": "21.T15999/uxIE5y", "info_groupname": "3rd-Party Data Security Assessment", "hostname": "ictlc.com"}, "notifications": {"contacts": ["redacted@example.com"], "enabled": true}}"#,
            #"{"type": "SERVICEGROUPS", "service": "eu.eosc.portal.services.url", "group": "Italian SuperComputing Resource Allocation - ISCRA", "hostname": "www.hpc.cineca.it_21.T15999/xVQZOZ", "tags": {"info_URL": "https://www.hpc.cineca.it/services/iscra", "info_ID": "21.T15999/xVQZOZ", "info_groupname": "Italian SuperComputing Resource Allocation - ISCRA", "hostname": "www.hpc.cineca.it"}, "notifications": {"contacts": ["redacted@example.com"], "enabled": true}}"#,
            #"{"type": "SERVICEGROUPS", "service": "eu.eosc.generic.json", "group": "3rd-Party Data Security Assessment", "hostname": "example.com_cti/8wEjbu", "tags": {"info_URL": "https://example.com", "info_ID": "cti/8wEjbu", "info_groupname": "3rd-Party Data Security Assessment", "hostname": "example.com"}}"#,
            #"{"type": "SERVICEGROUPS", "service": "eu.eosc.argo.mon", "group": "Italian SuperComputing Resource Allocation - ISCRA", "hostname": "www.google.com_cti/qykSlW", "tags": {"info_URL": "https://www.google.com", "info_ID": "cti/qykSlW", "info_groupname": "Italian SuperComputing Resource Allocation - ISCRA", "hostname": "www.google.com"}}"#,
        ], "the OAI instances and the unknown resource's are left out; extensions in their resource's group")
        XCTAssertTrue(result.stderr.contains("skipped 2 configuration template instance without serviceCheck"), result.stderr)
    }

    /// The same entities as 2.3.1 bundles: 2.3.1's records (IDs as groups, info_projectname, info_monitored_by).
    func testTheSameEntitiesAs231BundlesGive231sRecords() throws {
        let bundles: [String: [JSONValue]] = [
            "providers": [.object([("provider", .object(Self.cineca))]), .object([("provider", .object(Self.ictlc))])],
            "resources": [.object([("service", .object(Self.assessment))]), .object([("service", .object(Self.iscra))])],
            "extensions": [.object([("id", .string("ext-1")), ("serviceId", .string("21.T15999/uxIE5y")), ("monitoredBy", .string("argo")),
                                    ("monitoringGroups", .array([.object([("serviceType", .string("eu.eosc.generic.json")),
                                                                          ("endpoint", .string("https://example.com"))])]))])],
        ]
        let server = try TestHTTPServer(handler: Portal(bundles).respond)
        let directory = Kit.directory()
        let result = run(server, in: directory)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(try written(directory, "groups"), [
            #"{"type": "PROJECT", "group": "21.T15999/llB2t3", "subgroup": "21.T15999/xVQZOZ", "tags": {"provider_tags": "High Performance Computing", "info_projectname": "CINECA"}}"#,
            #"{"type": "PROJECT", "group": "21.T15999/kKG7EL", "subgroup": "21.T15999/uxIE5y", "tags": {"info_projectname": "ICTLC"}}"#,
        ])
        let endpoints = try written(directory, "endpoints")
        XCTAssertTrue(endpoints[0].contains(#""group": "21.T15999/uxIE5y""#), endpoints[0])
        XCTAssertEqual(endpoints[2], #"{"type": "SERVICEGROUPS", "service": "eu.eosc.generic.json", "group": "21.T15999/uxIE5y", "hostname": "example.com_ext-1", "tags": {"info_URL": "https://example.com", "info_ID": "ext-1", "info_monitored_by": "argo", "info_groupname": "3rd-Party Data Security Assessment", "hostname": "example.com"}}"#)
    }

    /// Where devel merges or crashes: two resources sharing a name stay two
    /// groups (told apart by their ID); extensions without host-name IDs work
    /// (devel: UnboundLocalError); listings of two APIs are one clear error.
    func testSharedNamesNonUIDExtensionsAndMixedAPIs() throws {
        var listings = Self.beyondListings()
        let twin = Self.service("21.T15999/twin01", "3rd-Party Data Security Assessment", provider: "21.T15999/kKG7EL",
                                webpage: "https://twin.ictlc.com/", tags: [])
        listings["resources"]?.append(.object(twin))
        let portal = Portal(listings)
        let server = try TestHTTPServer(handler: portal.respond)
        let directory = Kit.directory()
        let result = run(server, in: directory, uid: false)
        XCTAssertEqual(result.status, 0, result.output)
        let groups = try written(directory, "groups")
        XCTAssertEqual(groups.filter { $0.contains(#""group": "ICTLC""#) }.map { try! JSONParser.parse(Array($0.utf8))["subgroup"]?.stringValue ?? "" },
                       ["3rd-Party Data Security Assessment (21.T15999/uxIE5y)", "3rd-Party Data Security Assessment (21.T15999/twin01)"])
        XCTAssertTrue(result.stderr.contains("skipped 2 resources sharing a name, told apart by their ID (not skipped)"), result.stderr)
        let endpoints = try written(directory, "endpoints")
        XCTAssertTrue(endpoints.contains(#"{"type": "SERVICEGROUPS", "service": "eu.eosc.argo.mon", "group": "Italian SuperComputing Resource Allocation - ISCRA", "hostname": "www.google.com", "tags": {"info_URL": "https://www.google.com", "info_ID": "cti/qykSlW", "info_groupname": "Italian SuperComputing Resource Allocation - ISCRA"}}"#),
                      "\(endpoints)")
        // Flat providers beside bundled resources: one error naming both listings, nothing written.
        portal.listings["resources"] = [.object([("service", .object(Self.assessment))])]
        let mixed = run(server, in: Kit.directory())
        XCTAssertEqual(mixed.status, 1, mixed.output)
        XCTAssertTrue(mixed.stderr.contains("/beyond/resources: lists 2.3.1 bundles but \(server.baseURL)/beyond/providers lists EOSC Beyond flat records"),
                      mixed.stderr)
        // A configuration template instance without a payload is malformed.
        portal.listings = Self.beyondListings()
        portal.listings["extensions"] = [.object([("id", .string("cti/x")), ("resourceId", .string("21.T15999/uxIE5y"))])]
        let malformed = run(server, in: Kit.directory())
        XCTAssertEqual(malformed.status, 1, malformed.output)
        XCTAssertTrue(malformed.stderr.contains("\(server.baseURL)/beyond/extensions: results[0]: missing \"payload\""), malformed.stderr)
    }
}
