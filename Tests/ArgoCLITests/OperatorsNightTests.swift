import Foundation
import XCTest
@testable import ArgoCLI
@testable import ArgoModel
@testable import ArgoTestSupport

/// Issue #30: an operator's night, part 2 — no silent mistake.
final class OperatorsNightTests: XCTestCase {
    /// Point 1: a misspelt feed option stops a connector; the nightly -q run
    /// says so (cron mails it), and validate-config says it in the same words.
    func testAMisspeltFeedOptionIsSaidAsAConnectorThatWillNotRun() throws {
        let directory = TempDirectory()
        let files = Kit.offlineExample(in: directory)
        let customer = files[1]
        let text = try String(contentsOfFile: customer, encoding: .utf8)
        try text.replacingOccurrences(of: "DowntimesFeed = %(Feeds)s/downtimes.csv", with: "DowntimesFed = %(Feeds)s/downtimes.csv")
            .write(toFile: customer, atomically: true, encoding: .utf8)
        let night = runApp(["all", "-q", "-c", customer, "-g", files[0], "-d", "2022-10-27"])
        XCTAssertEqual(night.status, 1, "the tenant's downtimes failed: \(night.output)")
        XCTAssertTrue(night.stderr.contains("warning: [CUSTOMER_TENANT] unknown option DowntimesFed: it has no effect (did you mean DowntimesFeed?)"),
                      "-q shows configuration warnings: \(night.stderr)")
        XCTAssertTrue(night.stderr.contains("ERROR downtimes Customer:TENANT not run: \(customer):36: [CUSTOMER_TENANT] downtimes of TENANT will not run: no feed; DowntimesFed: did you mean DowntimesFeed?"),
                      night.stderr)
        XCTAssertTrue(night.stdout.contains("TENANT   TENANT_CRITICAL   ok       failed"), "the all table: \(night.stdout)")
        XCTAssertEqual(try String(contentsOfFile: directory.file("tenants/states/TENANT/downtimes-ok_2022_10_27"), encoding: .utf8), "False",
                       "check sees it")
        let checked = runApp(["validate-config", "-c", customer, "-g", files[0]])
        XCTAssertEqual(checked.status, 1, checked.output)
        XCTAssertTrue(checked.stdout.contains("\(customer):36: [CUSTOMER_TENANT] downtimes of TENANT will not run: no feed; DowntimesFed: did you mean DowntimesFeed?"),
                      checked.stdout)
    }

    /// Point 1: what 2.3.1 required is required: a 2.3.1 global.conf without [InputState] SaveDir.
    func testA231GlobalConfWithoutSaveDirIsAnError() throws {
        let directory = TempDirectory()
        let files = Kit.offlineExample(in: directory)
        let text = try String(contentsOfFile: files[0], encoding: .utf8)
        try text.replacingOccurrences(of: "[InputState]", with: "[InputStates]").write(toFile: files[0], atomically: true, encoding: .utf8)
        let checked = runApp(["validate-config", "-c", files[1], "-g", files[0]])
        XCTAssertEqual(checked.status, 1, checked.output)
        XCTAssertTrue(checked.stdout.contains("global.conf:28: [InputState] SaveDir is missing: an argo-connectors 2.3.1 global.conf needs it"), checked.stdout)
        XCTAssertTrue(checked.stdout.contains("[InputStates] is not [InputState]"), checked.stdout)
        let run = runApp(["topology", "-c", files[1], "-g", files[0], "-d", "2022-10-27"])
        XCTAssertEqual(run.status, 2, run.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("tenants/EGI")), "nothing ran")
    }
}
