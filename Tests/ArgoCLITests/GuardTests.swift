import Foundation
import XCTest
import ArgoCLI
import ArgoConnectors
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #13: a glitch upstream or on the host never becomes a wrong day of results.
final class GuardTests: XCTestCase {
    /// A GOCDB with `sites` sites of `perSite` endpoints each.
    static func gocdb(sites: Int, perSite: Int) throws -> TestHTTPServer {
        let siteXML = "<results>" + (0..<sites).map { "<SITE NAME=\"S\($0)\"><ROC>NGI_A</ROC></SITE>" }.joined() + "</results>"
        let endpointXML = "<results>" + (0..<sites).flatMap { site in
            (0..<perSite).map { index in
                "<SERVICE_ENDPOINT PRIMARY_KEY=\"\(site)-\(index)\"><HOSTNAME>host\(index).site\(site).example.org</HOSTNAME>"
                    + "<SERVICE_TYPE>CE</SERVICE_TYPE><IN_PRODUCTION>Y</IN_PRODUCTION><NODE_MONITORED>Y</NODE_MONITORED>"
                    + "<SITENAME>S\(site)</SITENAME></SERVICE_ENDPOINT>"
            }
        }.joined() + "</results>"
        return try TestHTTPServer { request in
            .init(body: request.query["method"] == "get_site" ? siteXML : endpointXML)
        }
    }

    /// A GOCDB that answers an empty document after `seconds` of silence.
    static func silentGocdb(seconds: Double) throws -> TestHTTPServer {
        try TestHTTPServer { _ in
            var response = TestHTTPServer.Response(body: "<results/>")
            response.delay = seconds
            return response
        }
    }

    private func files(_ directory: TempDirectory, feed: TestHTTPServer, outputDir: String? = nil) -> ConfigFiles {
        var customer = customerConf(jobs: [("JOB_A", "A", "TopoFeed = \(feed.baseURL)/gocdbpi/")])
        if let outputDir { customer = customer.replacingOccurrences(of: "OutputDir = @OUT@", with: "OutputDir = \(outputDir)") }
        var files = ConfigFiles(in: directory, customers: customer)
        files.set("InputState", "SaveDir", directory.file("states"))
        return files
    }

    private func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    private func temporaries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".tmp-") }
    }

    // MARK: 6. A job's outputs are replaced together or not at all

    func testADiskFillingDuringAJobLeavesAllOfItsEarlierFiles() throws {
        let disk = try SmallFilesystem(kilobytes: 512)
        let directory = TempDirectory()
        let small = try Self.gocdb(sites: 2, perSite: 2)
        let first = runApp(["topology", "-d", "2026-11-28"] + files(directory, feed: small, outputDir: disk.path).write())
        XCTAssertEqual(first.status, 0, first.output)
        let groups = disk.path + "/A/group_groups_2026_11_28.avro", endpoints = disk.path + "/A/group_endpoints_2026_11_28.avro"
        let (groupsBefore, endpointsBefore) = (contents(groups), contents(endpoints))
        disk.fill(leaving: 24)
        // group_groups (3 sites) still fits; group_endpoints (3 000 endpoints) does not.
        let large = try Self.gocdb(sites: 3, perSite: 1000)
        let second = runApp(["topology", "-d", "2026-11-28"] + files(directory, feed: large, outputDir: disk.path).write())
        XCTAssertEqual(second.status, 1, second.output)
        XCTAssertTrue(second.stderr.contains("No space left on device"), second.stderr)
        XCTAssertEqual(contents(groups), groupsBefore, "group_groups is not replaced while group_endpoints cannot be")
        XCTAssertEqual(contents(endpoints), endpointsBefore)
        XCTAssertEqual(temporaries(disk.path + "/A"), [])
        XCTAssertEqual(try String(contentsOfFile: directory.file("states/EGI/A/topology-ok_2026_11_28"), encoding: .utf8), "False")
    }

    // MARK: 7. Paging is complete or the feed fails

    /// A paged GOCDB (two entities a page) whose get_service_endpoint page
    /// at next_cursor=2 is changed by `damage`; the run's result and requests.
    private func pagedRun(damage: @escaping (String) -> String) throws -> (RunResult, TestHTTPServer, TempDirectory) {
        let gocdb = FakeGocdb.egi()
        let server = try TestHTTPServer { request in
            var response = gocdb.respond(request)
            if request.query["method"] == "get_service_endpoint", request.query["next_cursor"] == "2" {
                response.body = Array(damage(String(decoding: response.body, as: UTF8.self)).utf8)
            }
            return response
        }
        let directory = TempDirectory()
        var config = files(directory, feed: server)
        config.customerText = config.customerText.replacingOccurrences(of: "Dirname = A", with: "Dirname = A\nTopoFeedPaging = True")
        config.set("Connection", "Retry", "1")
        return (runApp(["topology", "-d", "2026-11-28"] + config.write()), server, directory)
    }

    private func assertPagingFails(_ reason: String, file: StaticString = #filePath, line: UInt = #line,
                                   damage: @escaping (String) -> String) throws {
        let (result, server, directory) = try pagedRun(damage: damage)
        XCTAssertEqual(result.status, 1, result.output, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(reason) && result.stderr.contains("(after 2 attempts)"), result.stderr, file: file, line: line)
        let asked = server.requests.filter { $0.query["method"] == "get_service_endpoint" && $0.query["next_cursor"] == "2" }
        XCTAssertEqual(asked.count, 2, "the damaged page is asked again", file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/A/group_endpoints_2026_11_28.avro")), file: file, line: line)
    }

    func testAPageWithoutMetaFailsTheFeed() throws {
        try assertPagingFails("a page without <meta><count>") { page in
            page.replacingOccurrences(of: #"<meta>[\s\S]*</meta>"#, with: "", options: .regularExpression)
        }
    }

    func testAPageWhoseCountDisagreesFailsTheFeed() throws {
        try assertPagingFails("the page says <count>5</count> but holds 2 entities") { page in
            page.replacingOccurrences(of: "<count>2</count>", with: "<count>5</count>")
        }
    }

    func testACursorFetchedBeforeFailsTheFeed() throws {
        try assertPagingFails("the next page, next_cursor=0, was fetched already") { page in
            page.replacingOccurrences(of: "next_cursor=4\"", with: "next_cursor=0\"")
        }
    }

    func testCompletePagingStillWorks() throws {
        let (result, _, directory) = try pagedRun { $0 }
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertFalse(avroLines(directory.file("out/A/group_endpoints_2026_11_28.avro")).isEmpty)
    }

    // MARK: 8. What a killed run left behind is cleaned up

    func testARunRemovesTheTemporaryFilesOfKilledRunsOfAnyDayButNotOfLiveOnes() throws {
        let directory = TempDirectory()
        let feed = try Self.gocdb(sites: 1, perSite: 1)
        let dead = try deadPID(), live = getpid()
        let leftovers = [directory.write("out/A/.group_endpoints_2026_11_01.avro.tmp-\(dead)-12", "7.8 MB of a killed run"),
                         directory.write("states/EGI/A/.topology-ok_2026_11_01.tmp-\(dead)-3", "Tr")]
        let liveOne = directory.write("out/A/.group_endpoints_2026_11_28.avro.tmp-\(live)-5", "a live run's")
        let result = runApp(["topology", "-d", "2026-11-28"] + files(directory, feed: feed).write())
        XCTAssertEqual(result.status, 0, result.output)
        for leftover in leftovers { XCTAssertFalse(FileManager.default.fileExists(atPath: leftover), leftover) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: liveOne), "never a live run's file")
        XCTAssertTrue(result.stderr.contains("removed \(leftovers[0]), left by a run that was killed"), result.stderr)
    }

    // MARK: 1. A topology or weights result that collapses is refused

    private func topology(_ directory: TempDirectory, sites: Int, perSite: Int, date: String, _ extra: [String] = [],
                          configure: (inout ConfigFiles) -> Void = { _ in }) throws -> RunResult {
        let feed = try Self.gocdb(sites: sites, perSite: perSite)
        var config = files(directory, feed: feed)
        configure(&config)
        return runApp(["topology", "-d", date] + extra + config.write())
    }

    func testAnEmptyOrHalvedTopologyIsRefusedAndTheEarlierFilesKept() throws {
        let directory = TempDirectory()
        XCTAssertEqual(try topology(directory, sites: 2, perSite: 5, date: "2026-11-27").status, 0)
        let endpoints = directory.file("out/A/group_endpoints_2026_11_28.avro")
        directory.write("out/A/group_endpoints_2026_11_28.avro", "an earlier file of the same day")
        let empty = try topology(directory, sites: 2, perSite: 0, date: "2026-11-28")
        XCTAssertEqual(empty.status, 1, empty.output)
        XCTAssertTrue(empty.stderr.contains("ERROR topology Customer:EGI Job:JOB_A TopologyGroupOfEndpoints has 0 records where the run of 2026-11-27 had 10 (more than ShrinkLimit 50% fewer): refused"), empty.stderr)
        XCTAssertEqual(try String(contentsOfFile: endpoints, encoding: .utf8), "an earlier file of the same day")
        XCTAssertEqual(try String(contentsOfFile: directory.file("states/EGI/A/topology-ok_2026_11_28"), encoding: .utf8), "False")
        let lostSix = try topology(directory, sites: 2, perSite: 2, date: "2026-11-28")
        XCTAssertEqual(lostSix.status, 1, "4 of 10 is 60% fewer: \(lostSix.stderr)")
        let lostFour = try topology(directory, sites: 2, perSite: 3, date: "2026-11-28")
        XCTAssertEqual(lostFour.status, 0, "6 of 10 is 40% fewer: \(lostFour.stderr)")
        XCTAssertEqual(avroLines(endpoints).count, 6)
    }

    func testAllowShrinkAcceptsOnceAndTheCountsFollow() throws {
        let directory = TempDirectory()
        XCTAssertEqual(try topology(directory, sites: 2, perSite: 5, date: "2026-11-27").status, 0)
        let dry = try topology(directory, sites: 2, perSite: 1, date: "2026-11-28", ["--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.output)
        XCTAssertTrue(dry.stderr.contains("a real run would refuse it"), dry.stderr)
        XCTAssertEqual(try topology(directory, sites: 2, perSite: 1, date: "2026-11-28").status, 1, "the dry run changed no counts")
        let allowed = try topology(directory, sites: 2, perSite: 1, date: "2026-11-28", ["--allow-shrink"])
        XCTAssertEqual(allowed.status, 0, allowed.output)
        XCTAssertTrue(allowed.stderr.contains("accepted (--allow-shrink)"), allowed.stderr)
        XCTAssertEqual(avroLines(directory.file("out/A/group_endpoints_2026_11_28.avro")).count, 2)
        XCTAssertEqual(try topology(directory, sites: 2, perSite: 1, date: "2026-11-29").status, 0, "2 is now the reference")
    }

    func testShrinkLimitZeroTurnsTheGuardOff() throws {
        let directory = TempDirectory()
        let off: (inout ConfigFiles) -> Void = { $0.set("General", "ShrinkLimit", "0") }
        XCTAssertEqual(try topology(directory, sites: 2, perSite: 5, date: "2026-11-27", configure: off).status, 0)
        XCTAssertEqual(try topology(directory, sites: 2, perSite: 0, date: "2026-11-28", configure: off).status, 0)
    }

    func testCollapsedWeightsAreRefusedAndNoDowntimesIsANormalDay() throws {
        let directory = TempDirectory()
        let vapor = directory.file("vapor.json")
        let downtimes = try TestHTTPServer { _ in .init(body: "<results/>") }
        var config = ConfigFiles(in: directory, customers: customerConf(jobs: [("JOB_A", "A", "WeightsFeed = file://\(vapor)\nDowntimesFeed = \(downtimes.baseURL)/gocdbpi/")]))
        config.set("InputState", "SaveDir", directory.file("states"))
        let args = config.write()
        directory.write("vapor.json", #"[{"ngi": "N", "site": [{"id": "S1", "ComputationPower": 1}, {"id": "S2", "ComputationPower": 2}]}]"#)
        XCTAssertEqual(runApp(["weights", "-d", "2026-11-27"] + args).status, 0)
        directory.write("vapor.json", "[]")
        let collapsed = runApp(["weights", "-d", "2026-11-28"] + args)
        XCTAssertEqual(collapsed.status, 1, collapsed.output)
        XCTAssertTrue(collapsed.stderr.contains("Weights has 0 records where the run of 2026-11-27 had 2"), collapsed.stderr)
        for date in ["2026-11-27", "2026-11-28"] {
            XCTAssertEqual(runApp(["downtimes", "-d", date] + args).status, 0, "zero downtimes, two days running")
        }
    }

    func testAPoemProfileWithoutMetricsFailsItsJob() throws {
        let directory = TempDirectory()
        directory.write("poem/EMPTY.json", #"{"name": "EMPTY", "vo": "ops", "metric_instances": []}"#)
        let job = "Profiles = EMPTY\nPoemNamespace = ns\nPoemServerHost = file://\(directory.file("poem"))\nPoemServerVO = ops"
        let config = ConfigFiles(in: directory, customers: customerConf(jobs: [("JOB_A", "A", job)]))
        let result = runApp(["poem", "-d", "2026-11-28"] + config.write())
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stderr.contains("EMPTY (POEM answered it without any metric)"), result.stderr)
    }

    // MARK: 2. Overlapping runs do not interleave

    /// Starts the binary without waiting; its stderr goes to `stderrPath`.
    private func startBinary(_ arguments: [String], stderrPath: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.binary)
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until `server` has seen a request (the run holds its lock by then).
    private func waitForFirstRequest(_ server: TestHTTPServer) {
        let deadline = Date().addingTimeInterval(20)
        while server.requests.isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    }

    func testASecondRunOfTheSameConnectorExitsAtOnceAndAnotherConnectorRuns() throws {
        let directory = TempDirectory()
        let slow = try Self.silentGocdb(seconds: 3)
        var config = files(directory, feed: slow)
        config.customerText += "WeightsFeed = file://\(directory.write("vapor.json", "[]"))\n"
        let args = config.write()
        let first = try startBinary(["topology", "-d", "2026-11-28"] + args, stderrPath: directory.file("first.err"))
        defer { if first.isRunning { first.terminate() } }
        waitForFirstRequest(slow)
        let started = Date()
        let logFile = directory.file("second.log")
        let second = runApp(["topology", "-d", "2026-11-28", "--log-file", logFile] + args)
        XCTAssertEqual(second.status, 1, second.output)
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.5, "at once, not after the first run")
        let busy = "ERROR topology topology is already running for \(args[1]) (pid \(first.processIdentifier))"
        XCTAssertTrue(second.stderr.contains(busy), second.stderr)
        let logged = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        XCTAssertTrue(logged.contains(busy), "the lock-busy line reaches the log file too: \(logged)")
        XCTAssertEqual(runApp(["weights", "-d", "2026-11-28"] + args).status, 0, "another connector may run meanwhile")
        let waiting = runApp(["topology", "-d", "2026-11-28", "--wait-lock", "30"] + args)
        XCTAssertEqual(waiting.status, 0, "--wait-lock waits for the first run to end: \(waiting.output)")
        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0)
    }

    func testALockHeldByAKilledRunIsReleased() throws {
        let directory = TempDirectory()
        let slow = try Self.silentGocdb(seconds: 30)
        let args = files(directory, feed: slow).write()
        let doomed = try startBinary(["topology", "-d", "2026-11-28"] + args, stderrPath: directory.file("doomed.err"))
        waitForFirstRequest(slow)
        kill(doomed.processIdentifier, SIGKILL)
        doomed.waitUntilExit()
        let quick = try Self.gocdb(sites: 1, perSite: 1)
        let next = runApp(["topology", "-d", "2026-11-28"] + files(directory, feed: quick).write())
        XCTAssertEqual(next.status, 0, "the kernel released the dead run's lock: \(next.output)")
    }

    // MARK: 5. Logging never takes a run down

    /// Runs `script` under bash with $BIN set to the binary; its status and output.
    private func shell(_ script: String) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.environment = ["BIN": Paths.binary, "PATH": "/usr/bin:/bin"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return (-1, "cannot start bash") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    private func state(_ directory: TempDirectory) -> String? {
        try? String(contentsOfFile: directory.file("states/EGI/A/topology-ok_2026_11_28"), encoding: .utf8)
    }

    func testAClosedOrFullStandardErrorIsNoReasonToStop() throws {
        let disk = try SmallFilesystem(kilobytes: 64)
        disk.fill(leaving: 0)
        let feed = try Self.gocdb(sites: 1, perSite: 2)
        for redirection in ["2>&-", "2>\(disk.path)/stderr.log"] {
            let directory = TempDirectory()
            let args = files(directory, feed: feed).write().joined(separator: " ")
            let run = shell("\"$BIN\" topology -d 2026-11-28 \(args) \(redirection); echo \"status $?\"")
            XCTAssertTrue(run.output.hasSuffix("status 0\n"), "\(redirection): \(run.output)")
            XCTAssertEqual(state(directory), "True", redirection)
            XCTAssertEqual(avroLines(directory.file("out/A/group_endpoints_2026_11_28.avro")).count, 2, redirection)
        }
    }

    func testALogFileOnAFullDiskOrThatCannotBeOpenedIsAWarning() throws {
        let disk = try SmallFilesystem(kilobytes: 64)
        disk.fill(leaving: 0)
        let feed = try Self.gocdb(sites: 1, perSite: 2)
        let directory = TempDirectory()
        let args = files(directory, feed: feed).write()
        let full = runApp(["topology", "-d", "2026-11-28", "--log-file", disk.path + "/run.log"] + args)
        XCTAssertEqual(full.status, 0, full.output)
        XCTAssertEqual(full.stderr.components(separatedBy: "log file \(disk.path)/run.log cannot be written (No space left on device)").count, 2,
                       "reported once: \(full.stderr)")
        let unopenable = runApp(["topology", "-d", "2026-11-28", "--log-file", directory.path] + args)
        XCTAssertEqual(unopenable.status, 0, unopenable.output)
        XCTAssertTrue(unopenable.stderr.contains("WARNING --log-file \(directory.path) cannot be opened"), unopenable.stderr)
    }

    func testCatIntoAClosedPipeEndsQuietly() throws {
        let directory = TempDirectory()
        XCTAssertEqual(try topology(directory, sites: 40, perSite: 100, date: "2026-11-28").status, 0)
        let file = directory.file("out/A/group_endpoints_2026_11_28.avro")
        let run = shell("\"$BIN\" cat \(file) \(file) | head -1 >/dev/null; echo \"status ${PIPESTATUS[0]}\"")
        XCTAssertEqual(run.output, "status 0\n")
    }

    // MARK: 4. The host's faults are named, not crashed on

    func testAFullOrReadOnlyOutputFailsOnlyItsJobNamingPathAndReason() throws {
        let disk = try SmallFilesystem(kilobytes: 128)
        let feed = try Self.gocdb(sites: 1, perSite: 500)
        let directory = TempDirectory()
        var config = ConfigFiles(in: directory, customers: "[CUSTOMER_FULL]\nName = FULL\nOutputDir = \(disk.path)\nJobs = JOB_A\n"
            + "[JOB_A]\nDirname = A\nTopoFeed = \(feed.baseURL)/gocdbpi/\n"
            + "[CUSTOMER_OK]\nName = OK\nOutputDir = @OUT@\nJobs = JOB_B\n[JOB_B]\nDirname = B\nTopoFeed = \(feed.baseURL)/gocdbpi/\n")
        config.set("InputState", "SaveDir", directory.file("states"))
        let args = config.write()
        XCTAssertEqual(runApp(["topology", "-d", "2026-11-27"] + args).status, 0)
        let earlier = FileManager.default.contents(atPath: disk.path + "/A/group_endpoints_2026_11_27.avro")
        disk.fill(leaving: 8)
        let full = runApp(["topology", "-d", "2026-11-28"] + args)
        XCTAssertEqual(full.status, 1, full.output)
        let errors = full.stderr.split(separator: "\n").filter { $0.hasPrefix("ERROR") && !$0.contains(" summary: failed") }
        XCTAssertEqual(errors.count, 1, full.stderr)
        XCTAssertTrue(errors.first?.contains("Customer:FULL Job:JOB_A avro: \(disk.path)/A/") == true && errors.first?.contains("No space left on device") == true,
                      full.stderr)
        XCTAssertEqual(temporaries(disk.path + "/A"), [])
        XCTAssertEqual(FileManager.default.contents(atPath: disk.path + "/A/group_endpoints_2026_11_27.avro"), earlier)
        XCTAssertEqual(avroLines(config.outputDir + "/B/group_endpoints_2026_11_28.avro").count, 500, "the other job goes on")
        disk.makeReadOnly()
        let readOnly = runApp(["topology", "-d", "2026-11-29"] + args)
        XCTAssertEqual(readOnly.status, 1, readOnly.output)
        XCTAssertTrue(readOnly.stderr.contains("Read-only file system"), readOnly.stderr)
        XCTAssertEqual(avroLines(config.outputDir + "/B/group_endpoints_2026_11_29.avro").count, 500)
    }

    func testAReadOnlyStateFolderIsNamedAndTheOutputsStillWritten() throws {
        let disk = try SmallFilesystem(kilobytes: 64)
        let feed = try Self.gocdb(sites: 1, perSite: 2)
        let directory = TempDirectory()
        var config = files(directory, feed: feed)
        config.set("InputState", "SaveDir", disk.path)
        disk.makeReadOnly()
        let result = runApp(["topology", "-d", "2026-11-28"] + config.write())
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stderr.contains(disk.path) && result.stderr.contains("Read-only file system"), result.stderr)
        XCTAssertEqual(avroLines(config.outputDir + "/A/group_endpoints_2026_11_28.avro").count, 2)
    }

    // MARK: 3. Signals end a run cleanly

    private func waitForExit(_ process: Process, within seconds: Double) -> Double? {
        let start = Date()
        while process.isRunning && Date().timeIntervalSince(start) < seconds { Thread.sleep(forTimeInterval: 0.02) }
        return process.isRunning ? nil : Date().timeIntervalSince(start)
    }

    func testSIGTERMWhileFetchingEndsTheRunCleanlyWithinFiveSeconds() throws {
        let directory = TempDirectory()
        let slow = try Self.silentGocdb(seconds: 60)
        let earlier = directory.write("out/A/group_endpoints_2026_11_28.avro", "the earlier file")
        let run = try startBinary(["topology", "-d", "2026-11-28"] + files(directory, feed: slow).write(), stderrPath: directory.file("run.err"))
        waitForFirstRequest(slow)
        kill(run.processIdentifier, SIGTERM)
        let took = waitForExit(run, within: 5)
        if took == nil { run.terminate() }
        XCTAssertNotNil(took, "ended within 5 s of SIGTERM")
        XCTAssertEqual(run.terminationStatus, 1)
        let stderr = try String(contentsOfFile: directory.file("run.err"), encoding: .utf8)
        XCTAssertTrue(stderr.contains("interrupted by SIGTERM"), stderr)
        XCTAssertEqual(try String(contentsOfFile: earlier, encoding: .utf8), "the earlier file")
        XCTAssertEqual(state(directory), "False")
        XCTAssertEqual(temporaries(directory.file("out/A")), [])
    }

    func testSIGINTWhileWritingLargeOutputsKeepsEveryFileWholeAndRecordsUnfinishedJobs() throws {
        let directory = TempDirectory()
        let feed = directory.file("feed")
        directory.write("feed/get_site.xml", "<results>" + (0..<50).map { "<SITE NAME=\"S\($0)\"><ROC>NGI_A</ROC></SITE>" }.joined() + "</results>")
        directory.write("feed/get_service_endpoint.xml", "<results>" + (0..<60_000).map { index in
            "<SERVICE_ENDPOINT PRIMARY_KEY=\"\(index)G0\"><HOSTNAME>host\(index).example.org</HOSTNAME><SERVICE_TYPE>CE</SERVICE_TYPE>"
                + "<SITENAME>S\(index % 50)</SITENAME></SERVICE_ENDPOINT>"
        }.joined() + "</results>")
        let jobs = (0..<12).map { ("JOB_\($0)", "D\($0)", "TopoFeed = file://\(feed)/") }
        var config = ConfigFiles(in: directory, customers: customerConf(jobs: jobs))
        config.set("InputState", "SaveDir", directory.file("states"))
        for (_, dirname, _) in jobs { directory.write("out/\(dirname)/group_endpoints_2026_11_28.avro", "the earlier file") }
        let run = try startBinary(["topology", "-d", "2026-11-28"] + config.write(), stderrPath: directory.file("run.err"))
        // Signal once the first job's files are being written.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && temporaries(directory.file("out/D0")).isEmpty
                && (try? String(contentsOfFile: directory.file("out/D0/group_endpoints_2026_11_28.avro"), encoding: .utf8)) == "the earlier file" {
            Thread.sleep(forTimeInterval: 0.005)
        }
        kill(run.processIdentifier, SIGINT)
        let took = waitForExit(run, within: 5)
        if took == nil { run.terminate() }
        XCTAssertNotNil(took, "ended within 5 s of SIGINT")
        XCTAssertEqual(run.terminationStatus, 1)
        var unfinished = 0
        for (_, dirname, _) in jobs {
            let path = directory.file("out/\(dirname)/group_endpoints_2026_11_28.avro")
            let state = try? String(contentsOfFile: directory.file("states/EGI/\(dirname)/topology-ok_2026_11_28"), encoding: .utf8)
            XCTAssertEqual(temporaries(directory.file("out/\(dirname)")), [], dirname)
            if state == "True" {
                XCTAssertEqual(avroLines(path).count, 60_000, "\(dirname) finished: its new file is whole")
            } else {
                unfinished += 1
                XCTAssertEqual(state, "False", dirname)
                XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "the earlier file", "\(dirname) did not finish: its earlier file stays")
            }
        }
        XCTAssertGreaterThan(unfinished, 0, "the signal came while jobs were left")
    }
}
