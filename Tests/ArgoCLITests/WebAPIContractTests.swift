import Foundation
import XCTest
import ArgoCLI
import ArgoConnectors
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #27: the real WEB-API's answers (`shared/spec/argo-web-api.md`),
/// a re-run of an unchanged day, and `diff --webapi` against what was published.
extension WebAPITests {
    private static let date = "2026-11-28"

    private func runAll(_ args: [String], date: String = WebAPITests.date) {
        for connector in ["topology", "downtimes", "weights"] {
            let result = runApp([connector, "-d", date] + args)
            XCTAssertEqual(result.status, 0, "\(connector): \(result.output)")
        }
    }

    private func diff(_ kind: String, _ args: [String], date: String = WebAPITests.date) -> RunResult {
        runApp(["diff", "--kind", kind, "--date", date, "--webapi"] + args)
    }

    /// Point 3: the WEB-API refusing every POST (an upgrade gone wrong) while
    /// the day is unchanged: nothing is deleted, the run succeeds and says so.
    func testAnUnchangedDayIsNotDeletedWhenTheWebAPIRefusesPosts() throws {
        let api = FakeWebAPI(tokens: [Self.token])
        let (server, gocdb) = (try TestHTTPServer(handler: api.respond), try Self.gocdb())
        let directory = TempDirectory()
        let args = config(directory, gocdb: gocdb, webAPI: server)
        runAll(args)
        let held = ["topology/groups", "topology/endpoints", "downtimes"].map { api.body(Self.token, $0, Self.date) }
        // The first POST meets the day (409); any later one would be refused.
        for resource in ["topology/groups", "topology/endpoints", "downtimes"] { api.faults["POST \(resource)"] = [409, 500, 500, 500] }
        api.faults["PUT weights"] = [500, 500, 500]
        for connector in ["topology", "downtimes", "weights"] {
            let rerun = runApp([connector, "-d", Self.date] + args)
            XCTAssertEqual(rerun.status, 0, "\(connector): \(rerun.output)")
            XCTAssertTrue(rerun.stderr.contains("unchanged: the WEB-API held it already"), rerun.stderr)
        }
        XCTAssertEqual(api.allWrites.count, 6, "no DELETE, no second POST, no PUT: \(api.allWrites)")
        XCTAssertEqual(["topology/groups", "topology/endpoints", "downtimes"].map { api.body(Self.token, $0, Self.date) }, held)
    }

    /// Point 4: a three-job 1.7 customer's day is equal to what the WEB-API
    /// holds, for each kind: topology and downtimes as the union of the
    /// jobs' files, weights per report (`groups` as sites, numbers as numbers).
    func testDiffWebAPIComparesWhatWasPublishedWithWhatIsHeld() throws {
        let api = FakeWebAPI(tokens: [Self.token])
        let (server, gocdb) = (try TestHTTPServer(handler: api.respond), try Self.gocdb())
        let directory = TempDirectory()
        let args = config(directory, gocdb: gocdb, webAPI: server)
        runAll(args)
        let writes = api.allWrites.count
        for kind in ["topology", "downtimes", "weights"] {
            let result = diff(kind, args)
            XCTAssertEqual(result.status, 0, "\(kind): \(result.output)")
        }
        let topology = diff("topology", args).stdout
        XCTAssertTrue(topology.contains("out/Critical/group_endpoints_2026_11_28.avro + "), "the jobs' files as one: \(topology)")
        XCTAssertTrue(topology.contains("group_endpoints: 0 added, 0 removed, 0 changed, 5 unchanged"), topology)
        XCTAssertTrue(diff("weights", args).stdout.contains("weights: 0 added, 0 removed, 0 changed, 2 unchanged"))
        XCTAssertEqual(api.allWrites.count, writes, "diff only reads")
        // The files of another run, not published: a changed weight is a change of that site alone.
        let changed = config(directory, gocdb: gocdb, webAPI: server,
                             vapor: #"[{"ngi": "NGI_A", "site": [{"id": "S1", "ComputationPower": 12.5}, {"id": "S2", "ComputationPower": 4}]}]"#)
        try unpublished(changed)
        XCTAssertEqual(runApp(["weights", "-d", Self.date] + changed).status, 0)
        let different = diff("weights", changed)
        XCTAssertEqual(different.status, 1, different.output)
        XCTAssertTrue(different.stdout.contains("~ S2: weight: 4 → 3"), "the file's 4, the WEB-API's 3: \(different.stdout)")
        XCTAssertTrue(different.stdout.contains("weights: 0 added, 0 removed, 1 changed, 1 unchanged"), different.stdout)
    }

    /// Turns PublishWebAPI off in a configuration's global.conf.
    private func unpublished(_ args: [String]) throws {
        let global = args[3]
        let text = try String(contentsOfFile: global, encoding: .utf8)
        try text.replacingOccurrences(of: "PublishWebAPI = True", with: "PublishWebAPI = False").write(toFile: global, atomically: true, encoding: .utf8)
    }

    /// Point 4: a day the WEB-API does not hold is said, not "equal" (a GET
    /// of topology answers with the closest earlier day).
    func testDiffWebAPISaysWhenTheWebAPIDoesNotHoldTheDay() throws {
        let api = FakeWebAPI(tokens: [Self.token])
        let (server, gocdb) = (try TestHTTPServer(handler: api.respond), try Self.gocdb())
        let directory = TempDirectory()
        let args = config(directory, gocdb: gocdb, webAPI: server)
        XCTAssertEqual(runApp(["topology", "-d", "2026-11-27"] + args).status, 0)
        XCTAssertEqual(runApp(["weights", "-d", "2026-11-27"] + args).status, 0)
        // The 28th's files written without publishing: the WEB-API holds the 27th only.
        try unpublished(args)
        XCTAssertEqual(runApp(["topology", "-d", Self.date] + args).status, 0)
        XCTAssertEqual(runApp(["weights", "-d", Self.date] + args).status, 0)
        let result = diff("topology", args)
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stdout.contains("! the WEB-API holds no topology/groups for 2026-11-28 (a GET answers with 2026-11-27's)"), result.stdout)
        XCTAssertFalse(result.stdout.contains("\n- "), "the missing day is said once, not record by record: \(result.stdout)")
        XCTAssertTrue(result.stdout.contains("group_groups: 0 added, 3 removed"), result.stdout)
        let json = runApp(["diff", "--kind", "topology", "--date", Self.date, "--webapi", "--json"] + args)
        let document = try JSONParser.parse(Array(json.stdout.utf8))
        XCTAssertEqual(document["equal"], .bool(false))
        XCTAssertEqual(document["comparisons"]?.arrayValue?.first?["absent"]?.stringValue?.hasPrefix("the WEB-API holds no topology/groups"), true)
        let weights = diff("weights", args)
        XCTAssertEqual(weights.status, 1, weights.output)
        XCTAssertTrue(weights.stdout.contains("! the WEB-API holds no weights of Critical for 2026-11-28 (its latest earlier version is of 2026-11-27)"),
                      weights.stdout)
    }
}
