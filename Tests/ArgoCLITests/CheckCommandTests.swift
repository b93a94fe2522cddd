import Foundation
import XCTest
import ArgoCLI
import ArgoModel
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #21, part 2: `argo-connectors check`, the Nagios/Icinga plugin,
/// on state folders made for each outcome, with the rule of the
/// `argo.connectors` probe of nagios-plugins-argo; its output parsed as a
/// plugin's (one line, `STATUS - text | 'label'=value;;;0 ...`).
final class CheckCommandTests: XCTestCase {
    /// The plugin output grammar: status, text, optional perfdata.
    private func parse(_ output: String, file: StaticString = #filePath, line: UInt = #line) -> (status: String, text: String, perfdata: [String: String]) {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 1, "one line: \(output)", file: file, line: line)
        let parts = String(lines.first ?? "").components(separatedBy: " | ")
        let head = parts[0]
        let status = String(head.prefix { $0 != " " })
        XCTAssertTrue(["OK", "WARNING", "CRITICAL", "UNKNOWN"].contains(status) && head.hasPrefix("\(status) - "), output, file: file, line: line)
        var perfdata: [String: String] = [:]
        for item in (parts.count > 1 ? parts[1].split(separator: " ") : []) {
            let pair = item.split(separator: "=", maxSplits: 1)
            XCTAssertTrue(pair.count == 2 && pair[0].hasPrefix("'") && pair[0].hasSuffix("'") && pair[1].hasSuffix(";;;0"), "perfdata \(item)", file: file, line: line)
            perfdata[String(pair[0].dropFirst().dropLast())] = String(pair[1].dropLast(4))
        }
        return (status, String(head.dropFirst(status.count + 3)), perfdata)
    }

    /// A 1.7 configuration with SaveDir and Days = 3; today is 2026-11-30.
    private func setUp17(_ directory: TempDirectory) -> [String] {
        var files = ConfigFiles(in: directory, customers: Samples.validCustomer)
        files.set("InputState", "SaveDir", directory.file("state"))
        files.set("InputState", "Days", "3")
        return files.write()
    }

    private func state(_ directory: TempDirectory, _ folder: String, _ kind: String, _ day: String, _ value: String) {
        directory.write("state/\(folder)/\(kind)-ok_\(day)", value)
    }

    /// Every connector of both jobs good on every day of the window: the
    /// installed schedule's days, yesterday and the two before it (downtimes too).
    private func allGood(_ directory: TempDirectory) {
        for (folder, kinds) in [("EGI/A", ["topology", "weights", "poem", "downtimes"]), ("EGI/B", ["topology", "weights", "downtimes"])] {
            for kind in kinds { for day in ["2026_11_29", "2026_11_28", "2026_11_27"] { state(directory, folder, kind, day, "True") } }
        }
    }

    private func check(_ args: [String], _ extra: [String] = []) -> RunResult {
        runApp(["check"] + args + ["--today", "2026-11-30"] + extra)
    }

    func testEachOutcomeWithTheProbesRule() throws {
        let directory = TempDirectory()
        let args = setUp17(directory)
        allGood(directory)
        directory.write("state/EGI/A/topology-counts", #"{"date": "2026-11-29", "counts": {"TopologyGroupOfEndpoints": 120, "TopologyGroupOfGroups": 7}}"#)
        let ok = check(args)
        XCTAssertEqual(ok.status, 0, ok.output)
        let parsed = parse(ok.stdout)
        XCTAssertEqual(parsed.status, "OK")
        XCTAssertEqual(parsed.text, "All connectors are working fine.")
        XCTAssertEqual(parsed.perfdata["EGI/A/topology_age_days"], "1")
        XCTAssertEqual(parsed.perfdata["EGI/A/downtimes_age_days"], "1", "the schedule writes yesterday's downtimes (issue #30)")
        XCTAssertEqual(parsed.perfdata["EGI/A/topology_TopologyGroupOfEndpoints"], "120")
        XCTAssertNil(parsed.perfdata["EGI/B/poem_age_days"], "JOB_B has no Profiles: no poem to watch")

        // Only the oldest day good: WARNING, as the probe.
        state(directory, "EGI/B", "weights", "2026_11_29", "False")
        state(directory, "EGI/B", "weights", "2026_11_28", "False")
        let warning = check(args)
        XCTAssertEqual(warning.status, 1)
        XCTAssertEqual(parse(warning.stdout).text, "Customer: EGI, Job: JOB_B, File: WEIGHTS not ok: its last good day is 2026-11-27")
        XCTAssertEqual(parse(warning.stdout).perfdata["EGI/B/weights_age_days"], "3")

        // Every day False or missing: CRITICAL (a missing file counts as False; the probe crashed on it).
        state(directory, "EGI/A", "topology", "2026_11_29", "False")
        state(directory, "EGI/A", "topology", "2026_11_28", "False")
        try FileManager.default.removeItem(atPath: directory.file("state/EGI/A/topology-ok_2026_11_27"))
        let critical = check(args)
        XCTAssertEqual(critical.status, 2)
        XCTAssertEqual(parse(critical.stdout).text, "Customer: EGI, Job: JOB_A, File: TOPOLOGY not ok for last 3 days! (2 of the last 3 days have a state file)",
                       "the worst only, as the probe showed")
        XCTAssertNil(parse(critical.stdout).perfdata["EGI/A/topology_age_days"], "no good day in the window")

        // -f limits the kinds, as the probe's -f (with or without -ok).
        XCTAssertEqual(check(args, ["-f", "weights-ok"]).status, 1)
        XCTAssertEqual(check(args, ["-f", "downtimes,poem"]).status, 0)
        XCTAssertEqual(check(args, ["downtimes-ok", "poem-ok"]).status, 0)
        let strange = check(args, ["-f", "topologies"])
        XCTAssertEqual(strange.status, 3)
        XCTAssertTrue(strange.stdout.hasPrefix("UNKNOWN - unknown kind topologies (known: "), strange.stdout)

        // Downtimes: the days the schedule writes, as every connector (the probe counted today's).
        for day in ["2026_11_29", "2026_11_28"] { state(directory, "EGI/A", "downtimes", day, "False") }
        XCTAssertEqual(parse(check(args, ["-f", "downtimes"]).stdout).text, "Customer: EGI, Job: JOB_A, File: DOWNTIMES not ok: its last good day is 2026-11-27")
    }

    func testAShrinkGuardRefusalIsSaid() throws {
        let directory = TempDirectory()
        let args = setUp17(directory)
        allGood(directory)
        state(directory, "EGI/A", "topology", "2026_11_29", "False")
        directory.write("state/EGI/A/topology-refused", #"{"date": "2026-11-29", "reason": "TopologyGroupOfEndpoints has 0 records where the run of 2026-11-28 had 120"}"#)
        let result = check(args)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(parse(result.stdout).text,
                       "Customer: EGI, Job: JOB_A, File: TOPOLOGY refused by the shrink guard on 2026-11-29: TopologyGroupOfEndpoints has 0 records where the run of 2026-11-28 had 120")
    }

    /// A 2.3.1 tenant: topology, downtimes and service types per tenant, weights and metric profiles per job.
    func testA231TenantsLayout() throws {
        let directory = Kit.directory()
        let customer = Kit.file("topology-gocdb.customer.conf", in: directory) {
            $0.replacingOccurrences(of: "TopoType = GOCDB\n", with: "TopoType = GOCDB\nDowntimesFeed = https://goc.example.org/x\nVaporpi = https://vapor.example.org/x\n")
        }
        let global = Kit.file("global.json.conf", in: directory)
        for day in ["2026_11_29", "2026_11_28", "2026_11_27"] {
            for (folder, kind) in [("EGI", "topology"), ("EGI", "services"), ("EGI/EGI_Critical", "weights"), ("EGI/EGI_Cloud", "weights"),
                                   ("EGI/EGI_Critical", "metricprofile"), ("EGI/EGI_Cloud", "metricprofile")] {
                state(directory, folder, kind, day, "True")
            }
        }
        for day in ["2026_11_29", "2026_11_28", "2026_11_27"] { state(directory, "EGI", "downtimes", day, "True") }
        let ok = runApp(["check", "-c", customer, "-g", global, "--today", "2026-11-30"])
        XCTAssertEqual(ok.status, 0, ok.output)
        let perfdata = parse(ok.stdout).perfdata
        XCTAssertEqual(Set(perfdata.keys), ["EGI/topology_age_days", "EGI/downtimes_age_days", "EGI/services_age_days", "EGI/EGI_Critical/weights_age_days",
                                            "EGI/EGI_Cloud/weights_age_days", "EGI/EGI_Critical/metricprofile_age_days", "EGI/EGI_Cloud/metricprofile_age_days"])
        try FileManager.default.removeItem(atPath: directory.file("state/EGI/topology-ok_2026_11_29"))
        try FileManager.default.removeItem(atPath: directory.file("state/EGI/topology-ok_2026_11_28"))
        XCTAssertEqual(parse(runApp(["check", "-c", customer, "-g", global, "--today", "2026-11-30"]).stdout).text,
                       "Customer: EGI, File: TOPOLOGY not ok: its last good day is 2026-11-27 (1 of the last 3 days have a state file)")
    }

    func testWithoutStateFilesTheStateIsUnknown() {
        let directory = TempDirectory()
        let args = ConfigFiles(in: directory, customers: Samples.validCustomer).write()
        let result = runApp(["check"] + args)
        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stdout.hasPrefix("UNKNOWN - ") && result.stdout.contains("has no [InputState] SaveDir"), result.stdout)
        let unreadable = runApp(["check", "-c", "/nonexistent/customer.conf", "-g", args[3]])
        XCTAssertEqual(unreadable.status, 3)
        XCTAssertTrue(unreadable.stdout.hasPrefix("UNKNOWN - /nonexistent/customer.conf"), unreadable.stdout)
    }

    // MARK: issue #30, point 3

    /// Days = 1 or 2 with the installed schedule: a good night is OK (it
    /// stayed WARNING or CRITICAL for ever); a night not yet run is pending.
    func testEveryDaysValueAgainstTheInstalledSchedule() throws {
        for days in [1, 2, 3] {
            let directory = TempDirectory()
            var files = ConfigFiles(in: directory, customers: Samples.validCustomer)
            files.set("InputState", "SaveDir", directory.file("state"))
            files.set("InputState", "Days", "\(days)")
            let args = files.write()
            allGood(directory)
            let ok = check(args)
            XCTAssertEqual(ok.status, 0, "Days = \(days): \(ok.stdout)")
            XCTAssertEqual(parse(ok.stdout).text, "All connectors are working fine.")
            // 00:10, tonight's run not yet done: yesterday's files missing, the day before good: pending.
            let early = runApp(["check", "--today", "2026-12-01"] + args)
            XCTAssertEqual(early.status, 0, "Days = \(days) before the night's run: \(early.stdout)")
            // Two nights missed: the day before yesterday missing too.
            let missed = runApp(["check", "--today", "2026-12-02"] + args)
            XCTAssertEqual(missed.status, days <= 2 ? 2 : 1, "Days = \(days), two nights missed: \(missed.stdout)")
        }
    }

    /// Usage errors are UNKNOWN with one line on standard output; a missing state folder is named.
    func testUsageErrorsAreUnknownAndAMissingStateFolderIsNamed() throws {
        let directory = TempDirectory()
        let args = setUp17(directory)
        for wrong in [["--today", "yesterday"], ["--no-such-option"], ["--days", "0", "--state-dir", directory.path]] {
            let result = runApp(["check"] + args + wrong)
            XCTAssertEqual(result.status, 3, "\(wrong): \(result.output)")
            XCTAssertEqual(parse(result.stdout).status, "UNKNOWN", "\(wrong)")
            XCTAssertTrue(result.stderr.isEmpty, result.stderr)
        }
        let none = check(args)
        XCTAssertEqual(none.status, 3)
        XCTAssertEqual(parse(none.stdout).text, "the state folder \(directory.file("state")) ([InputState] SaveDir of \(args[3])) does not exist: no run has written a state file")
    }

    /// --state-dir: the state folder alone, no configuration read (a monitoring user cannot read the 0600 files).
    func testTheStateFolderAloneIsEnough() throws {
        let directory = TempDirectory()
        allGood(directory)
        state(directory, "EGI/B", "weights", "2026_11_29", "False")
        state(directory, "EGI/B", "weights", "2026_11_28", "False")
        directory.write("state/TENANT/topology-ok_2026_11_29", "True")
        directory.write("state/TENANT/topology-ok_2026_11_28", "True")
        // No configuration exists where it would be looked for.
        let result = runApp(["check", "--state-dir", directory.file("state"), "--today", "2026-11-30"], variables: ["VIRTUAL_ENV": directory.file("nowhere")])
        XCTAssertEqual(result.status, 1, result.output)
        let parsed = parse(result.stdout)
        XCTAssertEqual(parsed.text, "Customer: EGI, Job: B, File: WEIGHTS not ok: its last good day is 2026-11-27")
        XCTAssertEqual(parsed.perfdata["TENANT/topology_age_days"], "1")
        XCTAssertEqual(parsed.perfdata["EGI/A/poem_age_days"], "1")
        let oneDay = runApp(["check", "--state-dir", directory.file("state"), "--today", "2026-11-30", "--days", "1"])
        XCTAssertEqual(parse(oneDay.stdout).text, "Customer: EGI, Job: B, File: WEIGHTS not ok for last 1 day!", "Days 1: yesterday alone")
        let empty = runApp(["check", "--state-dir", directory.file("nothing")])
        XCTAssertEqual(empty.status, 3)
        XCTAssertEqual(parse(empty.stdout).text, "the state folder \(directory.file("nothing")) does not exist (--state-dir)")
    }
}
