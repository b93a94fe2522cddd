import XCTest
@testable import ArgoConnectors

/// The real binary, run as a subprocess.
final class CommandLineTests: XCTestCase {
    func testHelpListsEveryCommandAndExitStatuses() {
        let result = runBinary(["--help"])
        XCTAssertEqual(result.status, 0)
        for command in ["topology", "downtimes", "weights", "poem", "replay", "validate-config", "cat", "help"] {
            XCTAssertTrue(result.stdout.contains("\n  \(command) "), "\(command) missing from help")
        }
        XCTAssertTrue(result.stdout.contains("2  usage or configuration error"))
    }

    func testCommandHelpIsGeneratedFromTheOptionTable() {
        let result = runBinary(["topology", "--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("usage: argo-connectors topology [options]"))
        XCTAssertTrue(result.stdout.contains("-c, --customer-conf PATH"))
        XCTAssertTrue(result.stdout.contains("-g, --global-conf PATH"))
        XCTAssertTrue(result.stdout.contains("-d, --date YYYY-MM-DD"))
        XCTAssertEqual(runBinary(["help", "cat"]).stdout, runBinary(["cat", "-h"]).stdout)
    }

    func testVersion() {
        let result = runBinary(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "argo-connectors \(Application.version)\n")
    }

    func testUnknownCommandSuggestsTheNearest() {
        let result = runBinary(["topolgy"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("argo-connectors: error: unknown command 'topolgy' (did you mean 'topology'?)\n"), result.stderr)
        XCTAssertTrue(result.stderr.contains("usage: argo-connectors <command> [options]"))
        XCTAssertEqual(runBinary([]).status, 2)
    }

    func testUnknownOptionSuggestsTheNearest() {
        let result = runBinary(["topology", "--customer-cof", "x"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("unknown option --customer-cof for 'topology' (did you mean --customer-conf?)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("usage: argo-connectors topology [options]"))
    }

    func testBadValuesAndMissingValuesAreUsageErrors() {
        XCTAssertTrue(runBinary(["topology", "-d", "2026-02-30"]).stderr.contains("-d 2026-02-30 is not a calendar date of the form YYYY-MM-DD"))
        XCTAssertEqual(runBinary(["topology", "-d", "2026-02-30"]).status, 2)
        let missing = runBinary(["topology", "-c"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("option -c needs a value (PATH)"))
        XCTAssertTrue(runBinary(["topology", "extra"]).stderr.contains("unexpected argument 'extra'"))
        XCTAssertTrue(runBinary(["cat"]).stderr.contains("missing FILE..."))
    }

    func testDowntimesRequiresADate() {
        let result = runBinary(["downtimes", "-c", "/nonexistent", "-g", "/nonexistent"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("'downtimes' needs -d YYYY-MM-DD"), result.stderr)
    }

    func testConfigurationErrorsExitTwoBeforeAnyWork() {
        let result = runBinary(["topology", "-c", "/nonexistent/customer.conf", "-g", "/nonexistent/global.conf"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("/nonexistent/global.conf: no such file"))
    }

    func testReplayNamesWhatIsMissing() {
        let result = runBinary(["replay"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("'replay' needs --file"), result.stderr)
        let badType = runBinary(["replay", "--file", "x", "--type", "topology"])
        XCTAssertTrue(badType.stderr.contains("--type topology is not one of group_groups, group_endpoints, downtimes, weights, metric_profile")
                      || badType.stderr.contains("--type topology is not one of downtimes, metric_profile"), badType.stderr)
    }

    func testValidateConfigReportsEveryProblemWithFileAndLine() {
        let directory = TempDirectory()
        var files = ConfigFiles(in: directory, customers: ConfigurationTests.validCustomer
            .replacingOccurrences(of: "TopoFetchType = Sites", with: "TopoFetchType = Nope"))
        files.set("Output", "Weights", "weights.avro")
        let args = files.write()
        let result = runBinary(["validate-config"] + args)
        XCTAssertEqual(result.status, 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("\(args[3]):") && $0.contains("[Output] Weights = 'weights.avro' must contain DATE") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("\(args[1]):12: [JOB_A] TopoFetchType = 'Nope'") }, result.stdout)
        XCTAssertEqual(lines.last, "2 errors, 0 warnings")
    }

    func testValidateConfigPassesTheExampleConfigs() throws {
        let directory = TempDirectory()
        for name in ["global.conf", "customer.conf"] {
            let text = try String(contentsOf: Paths.root.appendingPathComponent("config-examples/\(name)"), encoding: .utf8)
                .replacingOccurrences(of: "/etc/argo-egi-connectors/schemas/", with: Paths.schemas + "/")
                .replacingOccurrences(of: "/var/lib/argo-connectors", with: directory.path)
            directory.write(name, text, mode: 0o600)
        }
        let result = runBinary(["validate-config", "-c", directory.file("customer.conf"), "-g", directory.file("global.conf")])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stdout.contains("valid (0 warnings)"), result.stdout)
    }

    func testCatPrintsRecordsSchemaAndCount() {
        let file = Paths.fixture("avro/weights_v2.avro").path
        let records = runBinary(["cat", file])
        XCTAssertEqual(records.status, 0)
        let lines = records.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 342)
        XCTAssertEqual(lines.first, #"{"type": "hepspec", "site": "GRISU-COMETA-INFN-CT", "weight": "1914"}"#)
        XCTAssertEqual(runBinary(["cat", "--count", file]).stdout, "342\n")
        XCTAssertTrue(runBinary(["cat", "--schema", file]).stdout.hasPrefix(#"{"type": "record", "namespace": "argo.avro", "name": "weight_sites""#))
    }

    func testCatReportsBadFilesInOneLineAndExitsOne() throws {
        let directory = TempDirectory()
        let original = try Data(contentsOf: Paths.fixture("avro/downtimes_v2.avro"))
        let truncated = directory.file("truncated.avro")
        try original.prefix(original.count - 40).write(to: URL(fileURLWithPath: truncated))
        let text = directory.write("text.avro", "hello")
        for path in [truncated, text, "/nonexistent.avro", directory.path] {
            let result = runBinary(["cat", path])
            XCTAssertEqual(result.status, 1, path)
            let errorLines = result.stderr.split(separator: "\n")
            XCTAssertEqual(errorLines.count, 1, result.stderr)
            XCTAssertTrue(errorLines[0].hasPrefix("argo-connectors: \(path): "), result.stderr)
        }
    }
}
