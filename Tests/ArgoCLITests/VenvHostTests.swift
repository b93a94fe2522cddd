import Foundation
import XCTest
@testable import ArgoCLI
@testable import ArgoModel
@testable import ArgoTestSupport

/// Issue #28: a host where argo-connectors 2.3.1 ran from a Python virtual environment.
final class VenvHostTests: XCTestCase {
    /// The offline 2.3.1 example laid out as a venv's `etc/customer.conf` and `etc/global.conf`.
    private func venv(_ directory: TempDirectory) throws -> String {
        let files = Kit.offlineExample(in: directory)
        try FileManager.default.createDirectory(atPath: directory.file("venv/etc"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: files[0], toPath: directory.file("venv/etc/global.conf"))
        try FileManager.default.moveItem(atPath: files[1], toPath: directory.file("venv/etc/customer.conf"))
        return directory.file("venv")
    }

    /// Point 1: each file not given on the command line is `$VIRTUAL_ENV/etc/NAME`, as 2.3.1 resolves it.
    func testFilesNotGivenAreFoundInTheVirtualEnvironmentAsIn231() throws {
        let directory = TempDirectory()
        let venv = try venv(directory)
        let valid = runApp(["validate-config"], variables: ["VIRTUAL_ENV": venv])
        XCTAssertEqual(valid.status, 0, valid.output)
        XCTAssertTrue(valid.stdout.contains("\(venv)/etc/customer.conf, \(venv)/etc/global.conf: valid"), valid.stdout)
        let run = runApp(["topology", "-d", "2022-10-27", "-v"], variables: ["VIRTUAL_ENV": venv])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.stderr.contains("configuration: \(venv)/etc/customer.conf (VIRTUAL_ENV), \(venv)/etc/global.conf (VIRTUAL_ENV)"), run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.file("tenants/EGI/group_groups_2022_10_27.json")))
        // One by one: -c given, global.conf still from the venv; --dump says which is which.
        let customer = directory.write("other-customer.conf", try String(contentsOfFile: "\(venv)/etc/customer.conf", encoding: .utf8), mode: 0o600)
        let dump = runApp(["validate-config", "--dump", "-c", customer], variables: ["VIRTUAL_ENV": venv])
        XCTAssertEqual(dump.status, 0, dump.output)
        let files = try JSONParser.parse(Array(dump.stdout.utf8))["files"]
        XCTAssertEqual(files?["customer.conf"]?["path"], .string(customer))
        XCTAssertEqual(files?["customer.conf"]?["from"], .string("-c"))
        XCTAssertEqual(files?["global.conf"]?["path"], .string("\(venv)/etc/global.conf"))
        XCTAssertEqual(files?["global.conf"]?["from"], .string("VIRTUAL_ENV"))
        // A venv without the file: the error names the path looked at.
        let empty = runApp(["validate-config"], variables: ["VIRTUAL_ENV": directory.file("nowhere")])
        XCTAssertEqual(empty.status, 2, empty.output)
        XCTAssertTrue(empty.stdout.contains(directory.file("nowhere/etc/global.conf")), empty.stdout)
        // Without VIRTUAL_ENV, the package's default.
        let none = runApp(["validate-config"], variables: [:])
        XCTAssertTrue(none.output.contains(Configuration.defaultGlobalPath), none.output)
    }

    /// The offline example's tenants, one customer.conf each as the 2.3.1
    /// template makes them: every one's section is [CUSTOMER_EGI].
    private func tenantFiles(_ directory: TempDirectory) throws -> (global: String, customers: [String]) {
        let files = Kit.offlineExample(in: directory)
        let text = try String(contentsOfFile: files[1], encoding: .utf8)
        let defaults = text.components(separatedBy: "\n[CUSTOMER_")[0]
        var customers: [String] = []
        for block in text.components(separatedBy: "\n[CUSTOMER_").dropFirst() {
            let name = String(block.prefix { $0 != "]" })
            let body = "[CUSTOMER_EGI" + block.drop { $0 != "]" }
            customers.append(directory.write("tenants.d/\(name.lowercased()).conf", defaults + "\n" + body, mode: 0o600))
        }
        return (files[0], customers.sorted())
    }

    /// Point 2: several customer files, each tenant isolated; one status table and one check line for all.
    func testSeveralCustomerFilesRunTogetherEachTenantAlone() throws {
        let directory = TempDirectory()
        let (global, customers) = try tenantFiles(directory)
        XCTAssertEqual(customers.count, 7)
        let folder = directory.file("tenants.d")
        let valid = runApp(["validate-config", "-c", folder, "-g", global])
        XCTAssertEqual(valid.status, 0, valid.output)
        XCTAssertTrue(valid.stdout.contains("valid (0 warnings)"), valid.stdout)
        // The LOT1 tenant's feed breaks: it fails alone.
        let lot1 = customers.first { $0.hasSuffix("/lot1.conf") }!
        let broken = try String(contentsOfFile: lot1, encoding: .utf8).replacingOccurrences(of: "lot1sc.json", with: "missing.json")
        try broken.write(toFile: lot1, atomically: true, encoding: .utf8)
        let all = runApp(["all", "-g", global, "-d", "2022-10-27"] + customers.flatMap { ["-c", $0] })
        XCTAssertEqual(all.status, 1, all.output)
        XCTAssertTrue(all.stdout.contains("LOT1     LOT1_CRITICAL     failed   -         -       ok              -"), all.stdout)
        XCTAssertTrue(all.stdout.contains("NI4OS    NI4OS_CRITICAL    ok       -         -       ok              -"), "the other tenants ran: \(all.stdout)")
        XCTAssertTrue(all.stderr.contains("[CUSTOMER_EGI@lot1.conf]") || all.stderr.contains("Customer:LOT1"), all.stderr)
        for tenant in ["EGI", "TENANT", "FLATJSON", "EOSC", "BEYOND", "NI4OS"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: directory.file("tenants/\(tenant)/group_groups_2022_10_27.json")), tenant)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("tenants/LOT1/group_groups_2022_10_27.json")))
        // check: one status line for all the files' tenants, the failed one named.
        let check = runApp(["check", "-c", folder, "-g", global, "--today", "2022-10-28", "topology"])
        XCTAssertEqual(check.stdout.split(separator: "\n").count, 1, check.stdout)
        XCTAssertTrue(check.stdout.contains("LOT1"), check.stdout)
        // Two files whose tenants would share a state folder: the later is refused, naming the earlier.
        let twin = directory.write("twin.conf", try String(contentsOfFile: customers[0], encoding: .utf8), mode: 0o600)
        let clash = runApp(["validate-config", "-c", customers[0], "-c", twin, "-g", global])
        XCTAssertEqual(clash.status, 1, clash.output)
        XCTAssertTrue(clash.stdout.contains("twin.conf:"), clash.stdout)
        XCTAssertTrue(clash.stdout.contains("would share the state folder"), clash.stdout)
    }
}
