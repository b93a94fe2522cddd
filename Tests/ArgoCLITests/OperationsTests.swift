import XCTest
@testable import ArgoCLI
@testable import ArgoConnectors
@testable import ArgoModel
@testable import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// State files, concurrency, all, --dry-run, logging, install layout and legacy names.
final class OperationsTests: XCTestCase {
    var directory: TempDirectory!
    override func setUp() { directory = TempDirectory() }

    private func topologyJobs(_ servers: [TestHTTPServer]) -> String {
        customerConf(jobs: servers.enumerated().map { ("JOB_\($0.offset)", "D\($0.offset)", "TopoFeed = \($0.element.baseURL)/gocdbpi/") })
    }

    func testStateFilesAreWrittenPrunedAndNotWritableByOthers() throws {
        let good = try TestHTTPServer(handler: FakeGocdb.egi().respond)
        let broken = FakeGocdb()
        broken.faults["get_site"] = [1: .init(status: 404, body: "no")]
        let bad = try TestHTTPServer(handler: broken.respond)
        var files = ConfigFiles(in: directory, customers: topologyJobs([good, bad]))
        let states = directory.file("states")
        files.set("InputState", "SaveDir", states)
        files.set("InputState", "Days", "3")
        for stale in ["topology-ok_2026_11_25", "topology-ok_2026_11_24", "topology-ok_2026_11_26", "downtimes-ok_2026_11_20"] {
            directory.write("states/EGI/D0/\(stale)", "True")
        }
        let result = runApp(["topology", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(try String(contentsOfFile: "\(states)/EGI/D0/topology-ok_2026_11_28", encoding: .utf8), "True")
        XCTAssertEqual(try String(contentsOfFile: "\(states)/EGI/D1/topology-ok_2026_11_28", encoding: .utf8), "False")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: "\(states)/EGI/D0").sorted(),
                       ["downtimes-ok_2026_11_20", "topology-counts", "topology-ok_2026_11_26", "topology-ok_2026_11_28"],
                       "Days = 3 keeps the 26th to the 28th; other connectors' files are left alone (the counts are the shrink guard's)")
        let mode = try FileManager.default.attributesOfItem(atPath: "\(states)/EGI/D0/topology-ok_2026_11_28")[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o022, 0, "not group- or world-writable")
    }

    func testSlowFeedsAreFetchedConcurrentlyWithIdenticalOutputs() throws {
        let servers = try (0..<4).map { _ -> TestHTTPServer in
            let gocdb = FakeGocdb.egi()
            return try TestHTTPServer { request in
                var response = gocdb.respond(request)
                response.delay = 1
                return response
            }
        }
        let files = ConfigFiles(in: directory, customers: topologyJobs(servers))
        let args = files.write()
        let started = Date()
        let parallel = runApp(["topology", "-d", "2026-11-28"] + args)
        let parallelSeconds = Date().timeIntervalSince(started)
        XCTAssertEqual(parallel.status, 0, parallel.output)
        let outputs = (0..<4).flatMap { ["D\($0)/group_groups_2026_11_28.avro", "D\($0)/group_endpoints_2026_11_28.avro"] }
        let concurrentBytes = try outputs.map { try Data(contentsOf: URL(fileURLWithPath: files.outputDir + "/" + $0)) }
        try FileManager.default.removeItem(atPath: files.outputDir)
        let sequential = runApp(["topology", "-d", "2026-11-28", "--jobs", "1"] + args)
        XCTAssertEqual(sequential.status, 0)
        let sequentialBytes = try outputs.map { try Data(contentsOf: URL(fileURLWithPath: files.outputDir + "/" + $0)) }
        XCTAssertEqual(concurrentBytes, sequentialBytes, "byte-equal outputs")
        // The summary lines say how long the run took: the rest is identical.
        let jobLines = { (run: RunResult) in
            run.stderr.split(separator: "\n").filter { $0.contains("INFO") && !$0.contains("argo-connectors end:") }.map { $0.replacing(#/ in [0-9.]+ s;/#, with: ";") }
        }
        XCTAssertEqual(jobLines(parallel), jobLines(sequential), "job lines in the same order")
        XCTAssertEqual(jobLines(parallel).filter { $0.contains("summary: ok;") }.count, 4, "one summary line per job")
        // Each feed takes two requests of 1 s; four feeds take 8 s in sequence.
        XCTAssertLessThan(parallelSeconds, 4, "four slow feeds fetched at once")
    }

    func testAllRunsEveryConnectorPastFailuresAndTabulates() throws {
        let gocdb = FakeGocdb.egi()
        gocdb.downtimes = "<results/>"
        let server = try TestHTTPServer { request in
            if request.path.contains("vapor") { return .init(status: 500, body: "vapor is down") }
            if request.path.hasPrefix("/poem/") { return .init(body: PoemTests.profile("P", metrics: [("CE", "m")]), contentType: "application/json") }
            return gocdb.respond(request)
        }
        let feeds = "TopoFeed = \(server.baseURL)/gocdbpi/\nDowntimesFeed = \(server.baseURL)/gocdbpi/\nWeightsFeed = \(server.baseURL)/vapor/x"
        let poem = "\nProfiles = P\nPoemNamespace = ns\nPoemServerHost = \(server.baseURL)\nPoemServerVO = ops"
        let customer = customerConf(jobs: [("JOB_A", "A", feeds + poem), ("JOB_B", "B", feeds)])
        var files = ConfigFiles(in: directory, customers: customer)
        files.set("Connection", "Retry", "0")
        let result = runApp(["all", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertEqual(result.stdout, """
            Results for 2026-11-28:
            CUSTOMER JOB   topology downtimes weights poem
            EGI      JOB_A ok       ok        failed  ok
            EGI      JOB_B ok       ok        failed  -

            """)
        let written = try FileManager.default.contentsOfDirectory(atPath: directory.file("out/A")).sorted()
        XCTAssertEqual(written, ["downtimes_2026_11_28.avro", "group_endpoints_2026_11_28.avro", "group_groups_2026_11_28.avro", "poem_sync_2026_11_28.avro"])
    }

    func testDryRunChangesNothing() throws {
        let server = try TestHTTPServer(handler: FakeGocdb.egi().respond)
        var files = ConfigFiles(in: directory, customers: topologyJobs([server]))
        files.set("InputState", "SaveDir", directory.file("states"))
        let result = runApp(["topology", "-d", "2026-11-28", "--dry-run"] + files.write())
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stderr.contains("TopologyGroupOfGroups: 5 records → would write \(files.outputDir)/D0/group_groups_2026_11_28.avro (5 records)"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: files.outputDir))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("states")))
    }

    func testDryRunDescribesAmsPublishing() throws {
        let server = try TestHTTPServer(handler: FakeGocdb.egi().respond)
        var files = ConfigFiles(in: directory, customers: topologyJobs([server]))
        files.set("General", "PublishAms", "True")
        for (key, value) in [("Host", "127.0.0.1:1"), ("Token", "t"), ("Project", "EGI"), ("Topic", "T"), ("Bulk", "2"), ("PackSingleMsg", "False")] {
            files.set("AMS", key, value)
        }
        let result = runApp(["topology", "-d", "2026-11-28", "--dry-run"] + files.write())
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stderr.contains("would publish 5 records of type group_groups in 5 messages (3 requests) to AMS EGI/T"), result.stderr)
    }

    func testLoggingLevelsAndLogFile() throws {
        let server = try TestHTTPServer(handler: FakeGocdb.egi().respond)
        let args = ConfigFiles(in: directory, customers: topologyJobs([server])).write()
        let logFile = directory.file("connectors.log")
        let quiet = runApp(["topology", "-q", "--log-file", logFile] + args)
        XCTAssertEqual(quiet.status, 0)
        XCTAssertEqual(quiet.stderr, "", "--quiet leaves only warnings and errors")
        let verbose = runApp(["topology", "-v", "--log-file", logFile] + args)
        XCTAssertTrue(verbose.stderr.contains("INFO topology Customer:EGI Job:JOB_0 Fetched Endpoints:7"), verbose.stderr)
        let logged = try String(contentsOfFile: logFile, encoding: .utf8)
        XCTAssertTrue(logged.contains(" INFO topology Customer:EGI Job:JOB_0 Fetched Endpoints:7"), logged)
        XCTAssertEqual(runApp(["topology", "-q", "-v"] + args).status, 2)
        XCTAssertEqual(runApp(["topology", "--syslog", "-q"] + args).status, 0)
    }

    func testInstallLayoutAndALegacyNameRunFromIt() throws {
        let root = directory.file("root")
        func install() throws { try Kit.install(into: root) }
        try install()
        // An operator's edited configuration survives a reinstall.
        directory.write("root/etc/argo-egi-connectors/customer.conf", "# edited by the operator\n", mode: 0o600)
        try install()
        XCTAssertEqual(try String(contentsOfFile: "\(root)/etc/argo-egi-connectors/customer.conf", encoding: .utf8), "# edited by the operator\n")
        let libexec = "\(root)/usr/libexec/argo-egi-connectors"
        for path in ["\(libexec)/argo-connectors", "\(root)/usr/bin/argo-connectors", "\(root)/etc/argo-egi-connectors/global.conf",
                     "\(root)/etc/argo-egi-connectors/customer.conf", "\(root)/etc/argo-egi-connectors/schemas/group_groups.avsc",
                     "\(root)/etc/cron.d/argo-egi-connectors"] + LegacyNames.commands.keys.map({ "\(libexec)/\($0)" }) {
            XCTAssertTrue(FileManager.default.fileExists(atPath: path), path)
        }
        XCTAssertTrue(try String(contentsOfFile: "\(root)/etc/cron.d/argo-egi-connectors", encoding: .utf8)
            .contains("root /usr/libexec/argo-egi-connectors/argo-connectors all --quiet --syslog"))
        let mode = try FileManager.default.attributesOfItem(atPath: "\(root)/etc/argo-egi-connectors/customer.conf")[.posixPermissions] as! Int
        XCTAssertEqual(mode, 0o600)

        // The old cron line, unchanged, through the installed link.
        let server = try TestHTTPServer(handler: FakeGocdb.egi().respond)
        let args = ConfigFiles(in: directory, customers: topologyJobs([server])).write()
        let legacy = Process()
        legacy.executableURL = URL(fileURLWithPath: "\(libexec)/topology-gocdb-connector.py")
        legacy.arguments = args + ["-d", "2026-11-28"]
        legacy.standardError = FileHandle.nullDevice
        try legacy.run()
        legacy.waitUntilExit()
        XCTAssertEqual(legacy.terminationStatus, 0)
        XCTAssertEqual(avroLines(directory.file("out/D0/group_groups_2026_11_28.avro")).count, 5)
    }

    func testLegacyReplayFlagsAreTranslated() {
        XCTAssertEqual(LegacyNames.translate("replay-avro-data.py", ["-a", "h", "-p", "P", "-t", "T", "-o", "O", "-r", "R", "-f", "F", "-s", "S", "-m", "M", "-d", "D"]),
                       ["replay", "--host", "h", "--project", "P", "--token", "T", "--topic", "O", "--report", "R", "--file", "F", "--schema", "S", "--type", "M", "--date", "D"])
        XCTAssertEqual(LegacyNames.translate("poem-connector.py", ["-c", "x"]), ["poem", "-c", "x"])
        XCTAssertNil(LegacyNames.translate("argo-connectors", ["topology"]))
    }
}
