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
}
