import Foundation
import XCTest
@testable import ArgoCLI
@testable import ArgoConnectors
@testable import ArgoModel
@testable import ArgoSystem

/// A temporary directory removed when the test ends.
final class TempDirectory {
    let url: URL
    var path: String { url.path }

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("argo-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String, mode: Int = 0o644) -> String {
        let file = url.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: file)
        try! FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return file.path
    }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }
}

enum Paths {
    /// The checkout's root, for the example schemas and configs.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let schemas = root.appendingPathComponent("config-examples/schemas").path

    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
    }

    static func fixtureText(_ name: String) -> String {
        try! String(contentsOf: fixture(name), encoding: .utf8)
    }

    /// The built `argo-connectors` binary, next to the test bundle.
    static var binary: String {
        if let explicit = ProcessInfo.processInfo.environment["ARGO_CONNECTORS_BIN"] { return explicit }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if directory.lastPathComponent == "MacOS" || directory.path.hasSuffix(".xctest") {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("argo-connectors").path
    }
}

/// The result of running the real binary as a subprocess.
struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
    var output: String { stdout + stderr }
}

/// Runs `argo-connectors` with arguments; kills it after `timeout` seconds.
func runBinary(_ arguments: [String], environment: [String: String]? = nil, timeout: Double = 120,
               workingDirectory: String? = nil, file: StaticString = #filePath, line: UInt = #line) -> RunResult {
    let temp = TempDirectory()
    let outPath = temp.file("stdout"), errPath = temp.file("stderr")
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Paths.binary)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
    process.standardOutput = FileHandle(forWritingAtPath: outPath)
    process.standardError = FileHandle(forWritingAtPath: errPath)
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch {
        XCTFail("cannot start \(Paths.binary): \(error)", file: file, line: line)
        return RunResult(status: -1, stdout: "", stderr: "")
    }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning {
        process.terminate()
        XCTFail("argo-connectors \(arguments.joined(separator: " ")) did not finish in \(timeout) s", file: file, line: line)
    }
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus,
                     stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                     stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
}

/// Builds global.conf / customer.conf pairs for tests.
struct ConfigFiles {
    let directory: TempDirectory
    var global: [String: [(String, String)]]
    var customerText: String

    init(in directory: TempDirectory, customers: String = "") {
        self.directory = directory
        global = [
            "DEFAULT": [("SchemaDir", Paths.schemas)],
            "General": [("PublishAms", "False"), ("WriteAvro", "True")],
            "Connection": [("Timeout", "5"), ("Retry", "2"), ("SleepRetry", "0")],
            "AvroSchemas": OutputKind.allCases.map { kind in
                let file = ["Downtimes": "downtimes", "Poem": "metric_profiles", "TopologyGroupOfEndpoints": "group_endpoints",
                            "TopologyGroupOfGroups": "group_groups", "Weights": "weight_sites"][kind.rawValue]!
                return (kind.rawValue, "%(SchemaDir)s/\(file).avsc")
            },
            "Output": [("Downtimes", "downtimes_DATE.avro"), ("Poem", "poem_sync_DATE.avro"),
                       ("TopologyGroupOfEndpoints", "group_endpoints_DATE.avro"),
                       ("TopologyGroupOfGroups", "group_groups_DATE.avro"), ("Weights", "weights_DATE.avro")],
        ]
        customerText = customers
    }

    mutating func set(_ section: String, _ key: String, _ value: String?) {
        var options = global[section] ?? []
        options.removeAll { $0.0 == key }
        if let value { options.append((key, value)) }
        global[section] = options
    }

    var outputDir: String { directory.file("out") }

    /// Writes both files and returns `-c C -g G`.
    @discardableResult
    func write() -> [String] {
        let order = ["DEFAULT", "General", "AMS", "Authentication", "Connection", "InputState", "AvroSchemas", "Output"]
        let sections = order.filter { global[$0] != nil } + global.keys.filter { !order.contains($0) }.sorted()
        let text = sections.map { name in
            "[\(name)]\n" + global[name]!.map { "\($0.0) = \($0.1)" }.joined(separator: "\n")
        }.joined(separator: "\n\n")
        let g = directory.write("global.conf", text + "\n")
        let c = directory.write("customer.conf", customerText.replacingOccurrences(of: "@OUT@", with: outputDir))
        return ["-c", c, "-g", g]
    }
}

/// Reads an Avro file with the project's reader as JSON lines.
func avroLines(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else {
        XCTFail("missing \(path)", file: file, line: line)
        return []
    }
    do {
        let reader = try AvroContainerReader(bytes: [UInt8](data))
        var lines: [String] = []
        try reader.forEachRecord { lines.append(JSONWriter.serialize(AvroJSONRenderer.json($0, schema: reader.schema.schema))) }
        return lines
    } catch {
        XCTFail("\(path): \(error)", file: file, line: line)
        return []
    }
}

func avroRecords(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> [JSONValue] {
    avroLines(path, file: file, line: line).map { try! JSONParser.parse($0) }
}

/// Runs the binary like `runBinary` and also reports its peak RSS, through
/// Fixtures/measure.py (see there why not from this process).
func runBinaryMeasured(_ arguments: [String], timeout: Double = 120) -> (RunResult, peakMB: Double) {
    let temp = TempDirectory()
    let outPath = temp.file("stdout"), errPath = temp.file("stderr")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Paths.fixture("measure.py").path, outPath, errPath, Paths.binary] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch {
        XCTFail("cannot run measure.py: \(error)")
        return (RunResult(status: -1, stdout: "", stderr: ""), 0)
    }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning {
        process.terminate()
        XCTFail("argo-connectors \(arguments.joined(separator: " ")) did not finish in \(timeout) s")
    }
    process.waitUntilExit()
    let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ")
    let status = report.first.flatMap { Int32($0) } ?? -1
    let peak = report.count > 1 ? (Double(report[1].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) / 1024 : 0
    return (RunResult(status: status, stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""), peak)
}

/// customer.conf text for one customer: `[CUSTOMER_<name>]` with `extra`
/// options, listing `jobs` (section, Dirname, further option lines); the
/// output folder is ConfigFiles' `@OUT@`.
func customerConf(name: String = "EGI", extra: String = "", jobs: [(section: String, dirname: String, options: String)]) -> String {
    "[CUSTOMER_\(name)]\nName = \(name)\nOutputDir = @OUT@\nJobs = \(jobs.map(\.section).joined(separator: ", "))\n\(extra)"
        + jobs.map { "\n[\($0.section)]\nDirname = \($0.dirname)\n\($0.options)\n" }.joined()
}

/// The PID of a process that has ended (a short-lived `true`).
func deadPID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}
