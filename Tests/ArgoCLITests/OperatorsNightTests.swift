import Foundation
import XCTest
import ArgoCLI
import ArgoModel
import ArgoCLITestSupport
import ArgoTestSupport

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

/// Issue #30, point 5: validate-config's messages made precise.
final class ValidateConfigMessagesTests: XCTestCase {
    /// The 1.7 template as operators leave it: AMS switched off with its options filled in.
    private func amsOff(_ directory: TempDirectory, project: String = "Project") -> [String] {
        var files = ConfigFiles(in: directory, customers: Samples.validCustomer.replacingOccurrences(of: "[CUSTOMER_EGI]\n", with: "[CUSTOMER_EGI]\nAmsProject = EGI\n"))
        files.set("General", "PublishAms", "False")
        files.set("AMS", "Host", "msg.argo.grnet.gr")
        files.set("AMS", project, "EGI")
        files.set("AMS", "PackSingleMgs", "True")
        return files.write()
    }

    func testASectionSwitchedOffIsANoteAndTyposInsideAreStillSaid() throws {
        let directory = TempDirectory()
        let args = amsOff(directory)
        let result = runApp(["validate-config"] + args)
        XCTAssertTrue(result.stdout.contains("note: [AMS] is not used: [General] PublishAms is off"), result.stdout)
        XCTAssertTrue(result.stdout.contains("warning: [AMS] unknown option PackSingleMgs: it has no effect (did you mean PackSingleMsg?)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("note: [CUSTOMER_EGI] AmsProject is not used: [General] PublishAms is off"), result.stdout)
        XCTAssertFalse(result.stdout.contains("Host") && result.stdout.contains("warning: [AMS] Host"), "known options are not warned: \(result.stdout)")
        // --strict: the typo fails, printed as an error; the notes do not.
        let strict = runApp(["validate-config", "--strict"] + args)
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stdout.contains(": error (--strict): [AMS] unknown option PackSingleMgs"), strict.stdout)
        XCTAssertFalse(strict.stdout.contains(": warning: "), strict.stdout)
        // Without the typo the template passes --strict.
        var clean = ConfigFiles(in: TempDirectory(), customers: Samples.validCustomer)
        clean.set("General", "PublishAms", "False")
        clean.set("AMS", "Host", "msg.argo.grnet.gr")
        clean.set("AMS", "Project", "EGI")
        let passes = runApp(["validate-config", "--strict"] + clean.write())
        XCTAssertEqual(passes.status, 0, passes.stdout)
    }

    func testABOMAnEmptyFileAndSwappedFilesAreOneLineEach() throws {
        let directory = TempDirectory()
        let args = ConfigFiles(in: directory, customers: Samples.validCustomer).write()
        let global = try String(contentsOfFile: args[3], encoding: .utf8)
        let bom = directory.write("bom.conf", "\u{FEFF}" + global)
        let withBOM = runApp(["validate-config", "-c", args[1], "-g", bom])
        XCTAssertEqual(withBOM.status, 1, withBOM.output)
        XCTAssertTrue(withBOM.stdout.contains("bom.conf:1: the file starts with a byte order mark (bytes EF BB BF)"), withBOM.stdout)
        let empty = directory.write("empty.conf", "# nothing yet\n")
        let fromEmpty = runApp(["validate-config", "-c", args[1], "-g", empty])
        XCTAssertEqual(fromEmpty.stdout.split(separator: "\n").count, 2, "one line and the count: \(fromEmpty.stdout)")
        XCTAssertTrue(fromEmpty.stdout.contains("empty.conf: holds no section (it is empty, or comments only)"), fromEmpty.stdout)
        let swapped = runApp(["validate-config", "-c", args[3], "-g", args[1]])
        XCTAssertEqual(swapped.stdout.split(separator: "\n").count, 2, swapped.stdout)
        XCTAssertTrue(swapped.stdout.contains("are -c and -g swapped?"), swapped.stdout)
    }
}

/// Issue #30, point 7: help and installation — per-command exit statuses,
/// the commit in --version, a man page and bash completion made from the
/// command table, systemd units beside the cron file.
final class HelpAndInstallationTests: XCTestCase {
    func testEachCommandSaysItsOwnExitStatuses() {
        let check = runApp(["check", "--help"]).stdout
        XCTAssertTrue(check.contains("Exit status:\n  0  OK\n  1  WARNING\n  2  CRITICAL\n  3  UNKNOWN"), check)
        let diff = runApp(["diff", "--help"]).stdout
        XCTAssertTrue(diff.contains("Exit status:\n  0  equal\n  1  different"), diff)
        XCTAssertTrue(runApp(["topology", "--help"]).stdout.contains("Exit status:\n  0  success\n  1  a job, feed or file failed"))
    }

    func testVersionNamesTheCommit() throws {
        let version = runApp(["--version"]).stdout
        // make writes the commit before building (make test too); a plain `swift build` says unknown.
        let generated = Paths.root.appendingPathComponent("Sources/CBuildInfo/generated_commit.h").path
        if let header = try? String(contentsOfFile: generated, encoding: .utf8), let commit = header.split(separator: "\"").dropFirst().first {
            XCTAssertEqual(version, "argo-connectors 3.0.0 (commit \(commit))\n")
            XCTAssertTrue(commit.range(of: #"^[0-9a-f]{7,}(\+changes)?$"#, options: .regularExpression) != nil, String(commit))
        } else {
            XCTAssertEqual(version, "argo-connectors 3.0.0 (commit unknown)\n")
        }
    }

    func testTheManPageCompletionAndUnitsAreInstalledAndSound() throws {
        let root = TempDirectory()
        try Kit.install(into: root.path)
        // The man page: every command and option of the table, rendered by groff without a warning.
        let page = try String(contentsOfFile: root.file("usr/share/man/man1/argo-connectors.1"), encoding: .utf8)
        for command in Application.commands where command.name != "help" {
            XCTAssertTrue(page.contains(".SS \(command.name.replacing("-", with: "\\-"))"), command.name)
            for option in command.options { XCTAssertTrue(page.contains("\\-\\-\(option.long.replacing("-", with: "\\-"))"), "\(command.name) --\(option.long)") }
        }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/groff") {
            let rendered = try runTool("/bin/sh", ["-c", "groff -man -Tutf8 -ww '\(root.file("usr/share/man/man1/argo-connectors.1"))' 2>&1 >/dev/null"])
            XCTAssertEqual(String(decoding: rendered.output, as: UTF8.self), "", "groff -ww says nothing")
        }
        // Bash completion, as bash runs it.
        let completion = root.file("usr/share/bash-completion/completions/argo-connectors")
        let words = try runTool("/bin/bash", ["-c", """
            source '\(completion)'
            COMP_WORDS=(argo-connectors to); COMP_CWORD=1; _argo_connectors; echo "${COMPREPLY[*]}"
            COMP_WORDS=(argo-connectors check --sta); COMP_CWORD=2; _argo_connectors; echo "${COMPREPLY[*]}"
            COMP_WORDS=(argo-connectors migrate-from-venv --ap); COMP_CWORD=2; _argo_connectors; echo "${COMPREPLY[*]}"
            """])
        XCTAssertEqual(String(decoding: words.output, as: UTF8.self), "topology\n--state-dir\n--apply\n")
        // systemd: the cron line's command, once a day at the cron line's time; systemd's own check passes.
        let units = root.file("usr/lib/systemd/system")
        let service = try String(contentsOfFile: "\(units)/argo-connectors.service", encoding: .utf8)
        let cron = try String(contentsOfFile: root.file("etc/cron.d/argo-egi-connectors"), encoding: .utf8)
        let cronCommand = try XCTUnwrap(cron.split(separator: "\n").first { $0.hasPrefix("30 0 * * * root ") }).dropFirst("30 0 * * * root ".count)
        XCTAssertTrue(service.contains("ExecStart=\(cronCommand)\n"), service)
        XCTAssertTrue(try String(contentsOfFile: "\(units)/argo-connectors.timer", encoding: .utf8).contains("OnCalendar=*-*-* 00:30:00"))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") {
            // Verified with the staged binary's path (systemd checks that ExecStart exists).
            let staged = root.file("check.service")
            try service.replacingOccurrences(of: "ExecStart=/usr/", with: "ExecStart=\(root.path)/usr/").write(toFile: staged, atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(atPath: "\(units)/argo-connectors.timer", toPath: root.file("check.timer"))
            let verified = try runTool("/bin/sh", ["-c", "systemd-analyze verify --man=no '\(staged)' '\(root.file("check.timer"))' 2>&1"])
            XCTAssertEqual(verified.status, 0, String(decoding: verified.output, as: UTF8.self))
        }
    }
}
