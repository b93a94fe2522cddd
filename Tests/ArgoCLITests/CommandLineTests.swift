import XCTest
import ArgoCLI
import ArgoConnectors
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// The real binary, run as a subprocess.
final class CommandLineTests: XCTestCase {
    func testHelpListsEveryCommandAndExitStatuses() {
        let result = runApp(["--help"])
        XCTAssertEqual(result.status, 0)
        for command in ["topology", "downtimes", "weights", "poem", "replay", "validate-config", "cat", "help"] {
            XCTAssertTrue(result.stdout.contains("\n  \(command) "), "\(command) missing from help")
        }
        XCTAssertTrue(result.stdout.contains("2  usage or configuration error"))
    }

    func testCommandHelpIsGeneratedFromTheOptionTable() {
        let result = runApp(["topology", "--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("usage: argo-connectors topology [options]"))
        XCTAssertTrue(result.stdout.contains("-c, --customer-conf PATH"))
        XCTAssertTrue(result.stdout.contains("-g, --global-conf PATH"))
        XCTAssertTrue(result.stdout.contains("-d, --date YYYY-MM-DD"))
        XCTAssertEqual(runApp(["help", "cat"]).stdout, runApp(["cat", "-h"]).stdout)
    }

    func testDashHAfterDoubleDashOrAsAValueIsAnArgument() {
        let directory = TempDirectory()
        let cat = runApp(["cat", "--", "-h"])
        XCTAssertEqual(cat.status, 1, cat.output)
        XCTAssertEqual(cat.stdout, "")
        XCTAssertTrue(cat.stderr.contains("argo-connectors: -h: no such file"), cat.stderr)
        // `--log-file -h` names a log file `-h`; the run goes on to read the configuration.
        let run = runBinary(["topology", "--log-file", "-h", "-c", "/nonexistent/c.conf", "-g", "/nonexistent/g.conf"],
                            workingDirectory: directory.path)
        XCTAssertEqual(run.status, 2, run.output)
        XCTAssertFalse(run.stdout.contains("usage:"), run.output)
        XCTAssertTrue(run.stderr.contains("/nonexistent/c.conf: no such file"), run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.file("-h")))
    }

    func testVersion() {
        let result = runApp(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("argo-connectors \(Application.version) (commit "), result.stdout)  // the commit: HelpAndInstallationTests
    }

    func testUnknownCommandSuggestsTheNearest() {
        let result = runApp(["topolgy"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("argo-connectors: error: unknown command 'topolgy' (did you mean 'topology'?)\n"), result.stderr)
        XCTAssertTrue(result.stderr.contains("usage: argo-connectors <command> [options]"))
        XCTAssertEqual(runApp([]).status, 2)
    }

    func testUnknownOptionSuggestsTheNearest() {
        let result = runApp(["topology", "--customer-cof", "x"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("unknown option --customer-cof for 'topology' (did you mean --customer-conf?)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("usage: argo-connectors topology [options]"))
    }

    func testBadValuesAndMissingValuesAreUsageErrors() {
        XCTAssertTrue(runApp(["topology", "-d", "2026-02-30"]).stderr.contains("-d 2026-02-30 is not a calendar date of the form YYYY-MM-DD"))
        XCTAssertEqual(runApp(["topology", "-d", "2026-02-30"]).status, 2)
        let missing = runApp(["topology", "-c"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("option -c needs a value (PATH)"))
        XCTAssertTrue(runApp(["topology", "extra"]).stderr.contains("unexpected argument 'extra'"))
        XCTAssertTrue(runApp(["cat"]).stderr.contains("missing FILE..."))
    }

    func testDowntimesRequiresADate() {
        let result = runApp(["downtimes", "-c", "/nonexistent", "-g", "/nonexistent"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("'downtimes' needs -d YYYY-MM-DD"), result.stderr)
    }

    func testConfigurationErrorsExitTwoBeforeAnyWork() {
        let result = runApp(["topology", "-c", "/nonexistent/customer.conf", "-g", "/nonexistent/global.conf"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("/nonexistent/global.conf: no such file"))
    }

    func testReplayNamesWhatIsMissing() {
        let result = runApp(["replay"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("'replay' needs --file"), result.stderr)
        let badType = runApp(["replay", "--file", "x", "--type", "topology"])
        XCTAssertTrue(badType.stderr.contains("--type topology is not one of group_groups, group_endpoints, downtimes, weights, metric_profile")
                      || badType.stderr.contains("--type topology is not one of downtimes, metric_profile"), badType.stderr)
    }

    func testValidateConfigReportsEveryProblemWithFileAndLine() {
        let directory = TempDirectory()
        var files = ConfigFiles(in: directory, customers: Samples.validCustomer
            .replacingOccurrences(of: "TopoFetchType = Sites", with: "TopoFetchType = Nope"))
        files.set("Output", "Weights", "weights.avro")
        let args = files.write()
        let result = runApp(["validate-config"] + args)
        XCTAssertEqual(result.status, 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("[CUSTOMER_EGI] Name EGI: an argo-egi-connectors 1.7 customer") }, "what each customer was read as")
        XCTAssertTrue(lines.contains { $0.hasPrefix("\(args[3]):") && $0.contains("[Output] Weights = 'weights.avro' must contain DATE") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("\(args[1]):12: [JOB_A] TopoFetchType = 'Nope'") }, result.stdout)
        XCTAssertEqual(lines.last, "2 errors, 0 warnings")
    }

    func testValidateConfigPassesTheExampleConfigs() throws {
        let directory = TempDirectory()
        // The host's grid-security files, made here: validate-config checks they exist and match.
        let pki = try TestPKI()
        for name in ["global.conf", "customer.conf"] {
            let text = try String(contentsOf: Paths.root.appendingPathComponent("config-examples/\(name)"), encoding: .utf8)
                .replacingOccurrences(of: "/etc/grid-security/hostcert.pem", with: pki.clientCert)
                .replacingOccurrences(of: "/etc/grid-security/hostkey.pem", with: pki.clientKey)
                .replacingOccurrences(of: "/etc/grid-security/certificates", with: pki.directory.path)
                .replacingOccurrences(of: "/etc/argo-egi-connectors/schemas/", with: Paths.schemas + "/")
                .replacingOccurrences(of: "/var/lib/argo-connectors", with: directory.path)
            directory.write(name, text, mode: 0o600)
        }
        let result = runApp(["validate-config", "-c", directory.file("customer.conf"), "-g", directory.file("global.conf")])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stdout.contains("valid (0 warnings)"), result.stdout)
    }

    func testCatPrintsRecordsSchemaAndCount() {
        let file = Paths.fixture("avro/weights_v2.avro").path
        let records = runApp(["cat", file])
        XCTAssertEqual(records.status, 0)
        let lines = records.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 342)
        XCTAssertEqual(lines.first, #"{"type": "hepspec", "site": "GRISU-COMETA-INFN-CT", "weight": "1914"}"#)
        XCTAssertEqual(runApp(["cat", "--count", file]).stdout, "342\n")
        XCTAssertTrue(runApp(["cat", "--schema", file]).stdout.hasPrefix(#"{"type": "record", "namespace": "argo.avro", "name": "weight_sites""#))
    }

    func testCatCountsEveryConformanceFile() {
        let expected = ["group_endpoints_v2.avro": 4186, "group_groups_v2.avro": 338, "downtimes_v2.avro": 46, "downtimes_03.avro": 35,
                        "weights_v2.avro": 342, "poem_sync_v2.avro": 28, "poem_sync_2017_03_02.avro": 35]
        let paths = expected.keys.sorted().map { Paths.fixture("avro/\($0)").path }
        let result = runApp(["cat", "--count"] + paths)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, expected.keys.sorted().map { "\(expected[$0]!)\t\(Paths.fixture("avro/\($0)").path)\n" }.joined())
        for path in paths { XCTAssertEqual(runApp(["cat", path]).stdout.split(separator: "\n").count, expected[URL(fileURLWithPath: path).lastPathComponent]) }
    }

    func testProgressLineOnlyOnATerminal() throws {
        let server = try TestHTTPServer { _ in .init(bytes: Array("<results>".utf8) + [UInt8](repeating: 0x20, count: 3_000_000) + Array("</results>".utf8)) }
        let directory = TempDirectory()
        let args = ["topology", "-d", "2026-11-28"] + ConfigFiles(in: directory, customers: customerConf(name: "X", jobs: [("JOB_X", "X", "TopoFeed = \(server.baseURL)/gocdbpi/")])).write()
        let underCron = runApp(args)
        XCTAssertEqual(underCron.status, 0)
        XCTAssertFalse(underCron.stderr.contains("↓"), "no progress line without a terminal")
        // script(1) gives the command a pseudo-terminal.
        let command = ([Paths.binary] + args).map { "'\($0)'" }.joined(separator: " ")
        let script = try runTool("/usr/bin/script", ["-q", "-e", "-c", command, "/dev/null"])
        let text = String(decoding: script.output, as: UTF8.self)
        XCTAssertEqual(script.status, 0, text)
        XCTAssertTrue(text.contains("↓ ") && text.contains("MB"), "a progress line on a terminal: \(text.prefix(300))")
    }

    func testCatReportsBadFilesInOneLineAndExitsOne() throws {
        let directory = TempDirectory()
        let original = try Data(contentsOf: Paths.fixture("avro/downtimes_v2.avro"))
        let truncated = directory.file("truncated.avro")
        try original.prefix(original.count - 40).write(to: URL(fileURLWithPath: truncated))
        let text = directory.write("text.avro", "hello")
        for path in [truncated, text, "/nonexistent.avro", directory.path] {
            let result = runApp(["cat", path])
            XCTAssertEqual(result.status, 1, path)
            let errorLines = result.stderr.split(separator: "\n")
            XCTAssertEqual(errorLines.count, 1, result.stderr)
            XCTAssertTrue(errorLines[0].hasPrefix("argo-connectors: \(path): "), result.stderr)
        }
    }
}
