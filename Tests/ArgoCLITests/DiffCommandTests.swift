import Foundation
import XCTest
import ArgoCLI
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #22: `argo-connectors diff` — records matched by identity; files of
/// either generation, Avro or JSON (gzipped too); two days of a
/// configuration; a day's files against the WEB-API; bad files exit 2.
final class DiffCommandTests: XCTestCase {
    private func json(_ directory: TempDirectory, _ name: String, _ records: [JSONValue]) -> String {
        directory.write(name, JSONWriter.serialize(.array(records)))
    }

    private func object(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(pairs) }

    private func endpoint(_ host: String, group: String = "SITE-A", service: String = "webdav", tags: [(String, String)] = [("production", "1")]) -> JSONValue {
        object([("type", .string("SITES")), ("group", .string(group)), ("service", .string(service)), ("hostname", .string(host)),
                ("tags", .object(tags.map { ($0.0, .string($0.1)) }))])
    }

    func testIdenticalInputsAreEqualWhateverTheirOrder() {
        let directory = TempDirectory()
        let a = json(directory, "a.json", [endpoint("a.example.org"), endpoint("b.example.org", tags: [("production", "1"), ("monitored", "1")])])
        let b = json(directory, "b.json", [endpoint("b.example.org", tags: [("monitored", "1"), ("production", "1")]), endpoint("a.example.org")])
        let result = runApp(["diff", a, b])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stdout.hasSuffix("group_endpoints: 0 added, 0 removed, 0 changed, 2 unchanged\n"), "order of records and tags is no difference: \(result.stdout)")
    }

    func testEachKindOfChange() throws {
        let directory = TempDirectory()
        let cases: [(String, [JSONValue], [JSONValue], [String])] = [
            ("endpoints", [endpoint("a.example.org"), endpoint("b.example.org"), endpoint("c.example.org")],
             [endpoint("a.example.org", tags: [("production", "0")]), endpoint("c.example.org"), endpoint("d.example.org")],
             [#"+ {"type": "SITES", "group": "SITE-A", "service": "webdav", "hostname": "d.example.org", "tags": {"production": "1"}}"#,
              #"- {"type": "SITES", "group": "SITE-A", "service": "webdav", "hostname": "b.example.org", "tags": {"production": "1"}}"#,
              #"~ SITES SITE-A webdav a.example.org: tags.production: "1" → "0""#,
              "group_endpoints: 1 added, 1 removed, 1 changed, 1 unchanged"]),
            ("groups", [object([("type", .string("NGI")), ("group", .string("NGI_X")), ("subgroup", .string("SITE-A")),
                                ("tags", .object([("certification", .string("Certified"))]))])],
             [object([("type", .string("NGI")), ("group", .string("NGI_X")), ("subgroup", .string("SITE-A")),
                      ("tags", .object([("certification", .string("Suspended")), ("scope", .string("EGI"))]))])],
             [#"~ NGI NGI_X SITE-A: tags.certification: "Certified" → "Suspended"; tags.scope: (none) → "EGI""#,
              "group_groups: 0 added, 0 removed, 1 changed, 0 unchanged"]),
            ("downtimes", [object([("hostname", .string("h")), ("service", .string("s")), ("start_time", .string("2026-11-28T00:00:00Z")),
                                   ("end_time", .string("2026-11-28T12:00:00Z"))])],
             [object([("hostname", .string("h")), ("service", .string("s")), ("start_time", .string("2026-11-28T00:00:00Z")),
                      ("end_time", .string("2026-11-28T23:59:00Z"))])],
             [#"~ h s 2026-11-28T00:00:00Z: end_time: "2026-11-28T12:00:00Z" → "2026-11-28T23:59:00Z""#]),
            ("weights", [object([("type", .string("computationpower")), ("site", .string("S1")), ("weight", .string("4600"))]),
                         object([("type", .string("computationpower")), ("site", .string("S2")), ("weight", .string("10"))])],
             [object([("type", .string("computationpower")), ("site", .string("S1")), ("weight", .number("4600.0"))]),
              object([("type", .string("computationpower")), ("site", .string("S2")), ("weight", .number("12"))])],
             [#"~ S2: weight: 10 → 12"#, "weights: 0 added, 0 removed, 1 changed, 1 unchanged"]),
            ("profiles", [object([("profile", .string("P")), ("metric", .string("m1")), ("service", .string("s"))])],
             [object([("profile", .string("P")), ("metric", .string("m1")), ("service", .string("s"))]),
              object([("profile", .string("P")), ("metric", .string("m2")), ("service", .string("s"))])],
             [#"+ {"profile": "P", "metric": "m2", "service": "s"}"#, "metric_profiles: 1 added, 0 removed, 0 changed, 1 unchanged"]),
        ]
        for (name, before, after, lines) in cases {
            let result = runApp(["diff", json(directory, "\(name)-a.json", before), json(directory, "\(name)-b.json", after)])
            XCTAssertEqual(result.status, 1, "\(name): \(result.output)")
            for line in lines { XCTAssertTrue(result.stdout.contains(line + "\n"), "\(name): \(line)\n\(result.stdout)") }
        }
        // --json: the same, for scripts.
        let scripted = runApp(["diff", "--json", directory.file("endpoints-a.json"), directory.file("endpoints-b.json")])
        XCTAssertEqual(scripted.status, 1)
        let document = try JSONParser.parse(scripted.stdout)
        XCTAssertEqual(document["equal"], .bool(false))
        let comparison = try XCTUnwrap(document["comparisons"]?.arrayValue?.first)
        XCTAssertEqual(comparison["kind"], .string("group_endpoints"))
        XCTAssertEqual(comparison["added"]?.arrayValue?.count, 1)
        // Issue #30: values encoded once, the key as the record's identity fields.
        XCTAssertEqual(comparison["changed"]?.arrayValue?.first?["changes"], .array([.object([("field", .string("tags.production")),
                                                                                               ("old", .string("1")), ("new", .string("0"))])]))
        XCTAssertEqual(comparison["changed"]?.arrayValue?.first?["key"]?["hostname"], .string("a.example.org"))
        XCTAssertEqual(comparison["changed"]?.arrayValue?.first?["key"]?["type"], .string("SITES"))
        XCTAssertEqual(comparison["unchanged"], .number("1"))
    }

    /// A 1.7 day's Avro files and their JSON twins hold the same records; a 2.3.1 day's `.json.gz` reads as its JSON.
    func testAvroAgainstJSONOfTheSameDayAndGzippedFiles() throws {
        let directory = TempDirectory()
        let server = try TestHTTPServer(handler: FakeGocdb.egi().respond)
        var files = ConfigFiles(in: directory, customers: customerConf(name: "X", jobs: [("JOB_X", "X", "TopoFeed = \(server.baseURL)/gocdbpi/")]))
        files.set("General", "WriteJson", "True")
        XCTAssertEqual(runApp(["topology", "-d", "2026-11-28"] + files.write()).status, 0)
        for kind in ["group_groups", "group_endpoints"] {
            let result = runApp(["diff", directory.file("out/X/\(kind)_2026_11_28.avro"), directory.file("out/X/\(kind)_2026_11_28.json")])
            XCTAssertEqual(result.status, 0, result.output)
            XCTAssertTrue(result.stdout.contains("\(kind): 0 added, 0 removed, 0 changed, "), result.stdout)
        }
        let kit = Kit.directory()
        let gzipped = kit.write("group_groups.json.gz", "")
        try Data(try Deflate.gzip([UInt8](Kit.expected("topology-gocdb", "group_groups_2022_10_27.json")))).write(to: URL(fileURLWithPath: gzipped))
        let plain = kit.write("group_groups.json", String(decoding: Kit.expected("topology-gocdb", "group_groups_2022_10_27.json"), as: UTF8.self))
        XCTAssertEqual(runApp(["diff", plain, gzipped]).status, 0)
    }

    /// Two days of a 2.3.1 tenant: what the feed changed overnight.
    func testTwoDaysOfATenant() throws {
        let kit = KitFeeds()
        let feeds = try TestHTTPServer(handler: kit.respond)
        let directory = Kit.directory()
        XCTAssertEqual(Kit.run("topology-csv", phase: "json", feeds: feeds, in: directory, date: "2022-10-27").status, 0)
        kit.overrides["/static/topology.csv"] = .init(body: Paths.fixtureText("gen2/static/topology.csv").replacingOccurrences(of: "https://sso.tenant.eu", with: "https://login.tenant.eu"))
        XCTAssertEqual(Kit.run("topology-csv", phase: "json", feeds: feeds, in: directory, date: "2022-10-28").status, 0)
        let customer = directory.file("topology-csv.customer.conf"), global = directory.file("global.json.conf")
        let result = runApp(["diff", "-c", customer, "-g", global, "--kind", "topology", "--from", "2022-10-27", "--to", "2022-10-28"])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stdout.contains("== EGI TopologyGroupOfGroups: "), result.stdout)
        XCTAssertTrue(result.stdout.contains("group_groups: 0 added, 0 removed, 0 changed, 3 unchanged"), result.stdout)
        XCTAssertTrue(result.stdout.contains(#"+ {"type": "SERVICEGROUPS", "group": "AAI", "service": "aai", "hostname": "login.tenant.eu""#), result.stdout)
        XCTAssertTrue(result.stdout.contains(#"- {"type": "SERVICEGROUPS", "group": "AAI", "service": "aai", "hostname": "sso.tenant.eu""#), result.stdout)
        XCTAssertTrue(result.stdout.contains("group_endpoints: 1 added, 1 removed, 0 changed, 3 unchanged"), result.stdout)
        let same = runApp(["diff", "-c", customer, "-g", global, "--kind", "topology", "--from", "2022-10-27", "--to", "2022-10-27"])
        XCTAssertEqual(same.status, 0, same.output)
    }

    /// A day's files against what the WEB-API holds for it (GETs only).
    func testADayAgainstTheWebAPI() throws {
        let feeds = try TestHTTPServer(handler: KitFeeds().respond)
        let api = FakeWebAPI(tokens: ["tenant-token"])
        let server = try TestHTTPServer(handler: api.respond)
        let directory = Kit.directory()
        let customer = Kit.file("topology-csv.customer.conf", in: directory, feed: feeds.baseURL)
        let global = Kit.file("global.webapi.conf", in: directory, webAPI: server.baseURL) { $0.replacingOccurrences(of: "WriteJson = False", with: "WriteJson = True") }
        XCTAssertEqual(runApp(["topology", "-c", customer, "-g", global, "-d", "2022-10-27"]).status, 0)
        let writes = api.allWrites.count
        let equal = runApp(["diff", "-c", customer, "-g", global, "--kind", "topology", "--date", "2022-10-27", "--webapi"])
        XCTAssertEqual(equal.status, 0, equal.output)
        XCTAssertTrue(equal.stdout.contains("/api/v2/topology/endpoints?date=2022-10-27 (4 records)"), equal.stdout)
        XCTAssertEqual(api.allWrites.count, writes, "read-only")
        // The file says otherwise than the WEB-API (someone re-ran the day without publishing).
        let file = directory.file("out/EGI/group_endpoints_2022_10_27.json")
        try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "\"monitored\": \"1\"", with: "\"monitored\": \"0\"").write(toFile: file, atomically: true, encoding: .utf8)
        let different = runApp(["diff", "-c", customer, "-g", global, "--kind", "topology", "--date", "2022-10-27", "--webapi"])
        XCTAssertEqual(different.status, 1, different.output)
        XCTAssertTrue(different.stdout.contains(#"~ SERVICEGROUPS NextCloud nextcloud files.dev.tenant.eu: tags.monitored: "0" → "1""#), different.stdout)
    }

    func testBadAndTruncatedFilesAreErrors() throws {
        let directory = TempDirectory()
        let good = json(directory, "good.json", [endpoint("a.example.org")])
        let text = try String(contentsOfFile: good, encoding: .utf8)
        let cases: [(String, String)] = [
            (directory.write("truncated.json", String(text.prefix(text.count / 2))), "truncated.json"),
            (directory.write("numbers.json", "[1, 2]"), "numbers.json: record 0 is no ARGO record"),
            (directory.write("noise.avro", "Obj\u{1}garbage"), "noise.avro"),
            (json(directory, "downtimes.json", [object([("hostname", .string("h")), ("service", .string("s")), ("start_time", .string("x")), ("end_time", .string("y"))])]),
             "record 0 is downtimes, not group_endpoints"),
            ("/nonexistent/file.json", "/nonexistent/file.json"),
            (directory.write("object.json", #"{"data": []}"#), "object.json: a JSON object, not a list of records"),
            (directory.write("text.txt", "hello"), "text.txt: neither an Avro object container file nor a JSON list of records"),
        ]
        for (path, message) in cases {
            let result = runApp(["diff", good, path])
            XCTAssertEqual(result.status, 2, "\(path): \(result.output)")
            XCTAssertTrue(result.stderr.hasPrefix("argo-connectors: diff: ") && result.stderr.contains(message), result.stderr)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one line: \(result.stderr)")
        }
        XCTAssertEqual(runApp(["diff", good]).status, 2, "two files, or --kind")
        // --json prints a JSON object whatever happens.
        let failed = runApp(["diff", "--json", good, "/nonexistent/file.json"])
        XCTAssertEqual(failed.status, 2)
        let document = try JSONParser.parse(failed.stdout)
        XCTAssertEqual(document["equal"], .null)
        XCTAssertEqual(document["errors"]?.arrayValue?.first?["error"]?.stringValue?.contains("/nonexistent/file.json"), true)
    }

    /// Issue #30: one job's missing file does not stop the other jobs' comparison.
    func testEveryPairThatCanBeComparedIs() throws {
        let feeds = try TestHTTPServer(handler: FakeGocdb.egi().respond)
        let directory = TempDirectory()
        let jobs = [("JOB_A", "A", "TopoFeed = \(feeds.baseURL)/gocdbpi/"), ("JOB_B", "B", "TopoFeed = \(feeds.baseURL)/gocdbpi/")]
        let args = ConfigFiles(in: directory, customers: customerConf(name: "X", jobs: jobs)).write()
        for day in ["2026-11-27", "2026-11-28"] { XCTAssertEqual(runApp(["topology", "-d", day] + args).status, 0) }
        try FileManager.default.removeItem(atPath: directory.file("out/A/group_groups_2026_11_27.avro"))
        let result = runApp(["diff", "--kind", "topology", "--from", "2026-11-27", "--to", "2026-11-28"] + args)
        XCTAssertEqual(result.status, 2, result.output)
        XCTAssertTrue(result.stdout.contains("== X/B TopologyGroupOfGroups:"), "B compared: \(result.stdout)")
        XCTAssertTrue(result.stdout.contains("== X/A TopologyGroupOfEndpoints:"), "A's other file compared: \(result.stdout)")
        XCTAssertTrue(result.stdout.contains("1 comparison could not be made: X/A TopologyGroupOfGroups"), result.stdout)
        XCTAssertTrue(result.stderr.contains("argo-connectors: diff: X/A TopologyGroupOfGroups: "), result.stderr)
        let scripted = runApp(["diff", "--json", "--kind", "topology", "--from", "2026-11-27", "--to", "2026-11-28"] + args)
        let document = try JSONParser.parse(scripted.stdout)
        XCTAssertEqual(document["comparisons"]?.arrayValue?.count, 3)
        XCTAssertEqual(document["errors"]?.arrayValue?.first?["label"], .string("X/A TopologyGroupOfGroups"))
    }
}
