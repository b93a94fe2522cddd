import Foundation
import XCTest
import ArgoCLI
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

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

    // MARK: migrate-from-venv

    /// A 2.3.1 venv as its wheel installs it: the scripts in usr/bin, etc/
    /// with global.conf and one file per tenant, var/spool with the portal's
    /// rotated token; cron lines in cron.d and in root's crontab.
    private func venvHost(_ directory: TempDirectory) throws -> (venv: String, cron: String, crontab: String) {
        let venv = directory.file("opt/argo-connectors")
        let scripts = ["topology-gocdb-connector.py", "topology-csv-connector.py", "downtimes-gocdb-connector.py", "weights-vapor-connector.py",
                       "topology-provider-connector.py", "metricprofile-webapi-connector.py", "service-types-gocdb-connector.py"]
        for script in scripts {
            _ = directory.write("opt/argo-connectors/usr/bin/\(script)", "#!/opt/argo-connectors/bin/python\nimport sys  # 2.3.1\n", mode: 0o755)
        }
        let (global, customers) = try tenantFiles(directory)
        _ = directory.write("opt/argo-connectors/etc/global.conf", try String(contentsOfFile: global, encoding: .utf8), mode: 0o600)
        for name in ["egi", "tenant", "eosc"] {
            var text = try String(contentsOfFile: customers.first { $0.hasSuffix("/\(name).conf") }!, encoding: .utf8)
            // The portal tenant as 2.3.1 ran it: with OIDC (its saved listings need no grant).
            if name == "eosc" {
                text = text.replacingOccurrences(of: "TopoType = EOSC-PROVIDERS\n",
                                                 with: "TopoType = EOSC-PROVIDERS\nOIDCRefreshToken = initial-refresh-token\nOIDCTokenEndpoint = https://aai.example.org/token\n")
            }
            _ = directory.write("opt/argo-connectors/etc/\(name).conf", text, mode: 0o600)
        }
        _ = directory.write("opt/argo-connectors/var/spool/provider_token.json", #"{"previous": "spent-token", "next": "rotated-token"}"#, mode: 0o600)
        let cronLines = scripts.prefix(3).map { "0 3 * * * root VIRTUAL_ENV=\(venv) \(venv)/usr/bin/\($0) -c \(venv)/etc/egi.conf" }
        _ = directory.write("cron.d/argo-connectors", "MAILTO=root\n" + cronLines.joined(separator: "\n") + "\n")
        _ = directory.write("cron.d/argo-egi-connectors", "30 0 * * * root /usr/libexec/argo-egi-connectors/argo-connectors all --quiet --syslog\n")
        _ = directory.write("cron.d/backup", "0 4 * * * root /usr/local/bin/backup\n")
        let crontab = directory.write("spool/cron/root", "15 * * * * \(venv)/usr/bin/weights-vapor-connector.py -c \(venv)/etc/egi.conf\n")
        return (venv, directory.file("cron.d"), crontab)
    }

    /// Point 3: a dry run says every step and changes nothing; --apply switches the host; a second --apply changes nothing more.
    func testMigrateFromVenvSwitchesAHostInPlace() throws {
        let directory = TempDirectory()
        let (venv, cron, crontab) = try venvHost(directory)
        let args = ["migrate-from-venv", venv, "--cron-dir", cron, "--crontab", crontab, "--binary", Paths.binary]
        let before = try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted()
        let cronBefore = try String(contentsOfFile: "\(cron)/argo-connectors", encoding: .utf8)
        let dry = runApp(args)
        XCTAssertEqual(dry.status, 0, dry.output)
        for expected in ["venv: \(venv) (7 connector scripts in usr/bin)", "check: valid", "token: \(venv)/var/spool/provider_token.json → ",
                         "scripts: 7 in \(venv)/usr/bin → links to \(Paths.binary)", "\(cron)/argo-connectors:2: the venv's line commented out",
                         "\(cron)/argo-egi-connectors:1: the package's default (reads /etc/argo-egi-connectors/) line commented out",
                         "\(crontab):1: the venv's line — remove it yourself (crontab -e)", "dry run: nothing changed; run again with --apply"] {
            XCTAssertTrue(dry.stdout.contains(expected), "\(expected): \(dry.stdout)")
        }
        XCTAssertFalse(dry.stdout.contains("backup"), "other cron lines are not touched")
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted(), before, "a dry run changes nothing")
        XCTAssertEqual(try String(contentsOfFile: "\(cron)/argo-connectors", encoding: .utf8), cronBefore)

        let applied = runApp(args + ["--apply"])
        XCTAssertEqual(applied.status, 0, applied.output)
        XCTAssertTrue(applied.stdout.hasSuffix("done\n"), applied.stdout)
        // Scripts: links to the binary, originals kept.
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: "\(venv)/usr/bin/topology-csv-connector.py")
        XCTAssertEqual(link, Paths.binary)
        XCTAssertTrue(try String(contentsOfFile: "\(venv)/usr/bin/.argo-connectors-2.3.1/topology-csv-connector.py", encoding: .utf8).contains("2.3.1"))
        // Cron: the venv's lines and the package's default off, one line for every tenant on; the user's crontab untouched.
        let venvCron = try String(contentsOfFile: "\(cron)/argo-connectors", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(venvCron.filter { !$0.hasPrefix("#") && !$0.hasPrefix("MAILTO") }, [], "\(venvCron)")
        XCTAssertTrue(try String(contentsOfFile: "\(cron)/argo-egi-connectors", encoding: .utf8).hasPrefix("# disabled by argo-connectors migrate-from-venv: 30 0"))
        XCTAssertEqual(try String(contentsOfFile: "\(cron)/backup", encoding: .utf8), "0 4 * * * root /usr/local/bin/backup\n")
        XCTAssertTrue(try String(contentsOfFile: crontab, encoding: .utf8).hasPrefix("15 * * * *"), "crontab(1)'s file is not edited")
        let line = try XCTUnwrap(try String(contentsOfFile: "\(cron)/argo-connectors-venv", encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("30 0 * * * root ") })
        // The portal's rotated token carried over where this package keeps it.
        let token = directory.file("tenants/states/EOSC/oidc-refresh-token.json")
        XCTAssertEqual(try String(contentsOfFile: token, encoding: .utf8), #"{"previous": "spent-token", "next": "rotated-token"}"#)
        XCTAssertEqual(LocalFiles().permissions(of: token), 0o600)
        // The new cron line runs every tenant of the venv.
        let words = line.dropFirst("30 0 * * * root ".count).split(separator: " ").map(String.init)
        XCTAssertEqual(words.first, Paths.binary)
        // (in-process, without the host's syslog and log file)
        var nightly = Array(words.dropFirst()).filter { $0 != "--syslog" }
        if let index = nightly.firstIndex(of: "--log-file") { nightly.removeSubrange(index...index + 1) }
        let night = runApp(nightly + ["-d", "2022-10-27"])
        XCTAssertEqual(night.status, 0, night.output)
        for tenant in ["EGI", "TENANT", "EOSC"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: directory.file("tenants/\(tenant)/group_groups_2022_10_27.json")), tenant)
        }
        // A 2.3.1 script name, run by hand as before: the binary answers to it.
        let script = runBinary(["-c", "\(venv)/etc/tenant.conf", "-d", "2022-10-27"], environment: ["VIRTUAL_ENV": venv],
                               executable: "\(venv)/usr/bin/topology-csv-connector.py")
        XCTAssertEqual(script.status, 0, script.output)
        // Again: nothing more to do, nothing marked twice.
        let again = runApp(args + ["--apply"])
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertFalse(try String(contentsOfFile: "\(cron)/argo-connectors", encoding: .utf8).contains("migrate-from-venv: # disabled"))
        XCTAssertTrue(again.stdout.contains("exists already (kept"), again.stdout)
        // Not a venv: exit 2, one line.
        let none = runApp(["migrate-from-venv", directory.file("cron.d")])
        XCTAssertEqual(none.status, 2, none.output)
        XCTAssertTrue(none.stderr.contains("is no argo-connectors 2.3.1 virtual environment"), none.stderr)
    }
}
