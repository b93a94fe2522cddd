import Foundation
import XCTest
import ArgoConnectors
import ArgoModel
import ArgoSystem

/// A temporary directory removed when the test ends.
package final class TempDirectory {
    package let url: URL
    package var path: String { url.path }

    package init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("argo-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    package func write(_ name: String, _ text: String, mode: Int = 0o644) -> String {
        let file = url.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: file)
        try! FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return file.path
    }

    package func file(_ name: String) -> String { url.appendingPathComponent(name).path }
}

package enum Paths {
    /// The checkout's root, for the example schemas and configs.
    package static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    package static let schemas = root.appendingPathComponent("config-examples/schemas").path

    package static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
    }

    package static func fixtureText(_ name: String) -> String {
        try! String(contentsOf: fixture(name), encoding: .utf8)
    }

    /// The built `argo-connectors` binary, next to the test bundle.
    package static var binary: String {
        if let explicit = ProcessInfo.processInfo.environment["ARGO_CONNECTORS_BIN"] { return explicit }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if directory.lastPathComponent == "MacOS" || directory.path.hasSuffix(".xctest") {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("argo-connectors").path
    }
}

/// The result of running the real binary as a subprocess.
package struct RunResult {
    package let status: Int32
    package let stdout: String
    package let stderr: String
    package var output: String { stdout + stderr }

    package init(status: Int32, stdout: String, stderr: String) {
        (self.status, self.stdout, self.stderr) = (status, stdout, stderr)
    }
}

/// A stream that keeps what a run writes, for in-process runs.
package final class CapturedOutput: TextOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    package init() {}

    package func writeLine(_ line: String) -> Int32? {
        lock.withLock { text += line + "\n" }
        return nil
    }

    package func flush() -> Int32? { nil }
    package var isTerminal: Bool { false }
    package var captured: String { lock.withLock { text } }
}

/// Runs the built `argo-connectors` binary with arguments, for what only a
/// process shows (signals, locks between processes, environment variables,
/// script names, full disks under stderr); kills it after `timeout` seconds.
/// Runs a tool to its end (no input, stderr dropped): its status and standard output.
package func runTool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

package func runBinary(_ arguments: [String], environment: [String: String]? = nil, timeout: Double = 120,
               workingDirectory: String? = nil, executable: String = Paths.binary, file: StaticString = #filePath, line: UInt = #line) -> RunResult {
    let temp = TempDirectory()
    let outPath = temp.file("stdout"), errPath = temp.file("stderr")
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
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
package struct ConfigFiles {
    package let directory: TempDirectory
    package var global: [String: [(String, String)]]
    package var customerText: String

    package init(in directory: TempDirectory, customers: String = "") {
        self.directory = directory
        global = [
            "DEFAULT": [("SchemaDir", Paths.schemas)],
            "General": [("PublishAms", "False"), ("WriteAvro", "True")],
            "Connection": [("Timeout", "5"), ("Retry", "2"), ("SleepRetry", "0")],
            "AvroSchemas": OutputKind.fileOutputs.map { kind in
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

    package mutating func set(_ section: String, _ key: String, _ value: String?) {
        var options = global[section] ?? []
        options.removeAll { $0.0 == key }
        if let value { options.append((key, value)) }
        global[section] = options
    }

    package var outputDir: String { directory.file("out") }

    /// Writes both files and returns `-c C -g G`.
    @discardableResult
    package func write() -> [String] {
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
package func avroLines(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
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

package func avroRecords(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> [JSONValue] {
    avroLines(path, file: file, line: line).map { try! JSONParser.parse($0) }
}

/// Runs the binary like `runBinary` and also reports its peak RSS, through
/// Fixtures/measure.py (see there why not from this process).
package func runBinaryMeasured(_ arguments: [String], timeout: Double = 120) -> (RunResult, peakMB: Double) {
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
package func customerConf(name: String = "EGI", extra: String = "", jobs: [(section: String, dirname: String, options: String)]) -> String {
    "[CUSTOMER_\(name)]\nName = \(name)\nOutputDir = @OUT@\nJobs = \(jobs.map(\.section).joined(separator: ", "))\n\(extra)"
        + jobs.map { "\n[\($0.section)]\nDirname = \($0.dirname)\n\($0.options)\n" }.joined()
}

/// The PID of a process that has ended (a short-lived `true`).
package func deadPID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}

/// Samples shared by several test targets.
package enum Samples {
    /// A valid customer.conf of two jobs (POEM, Sites, ServiceGroups).
    package static let validCustomer = """
    [CUSTOMER_EGI]
    Name = EGI
    OutputDir = @OUT@/EGI
    Jobs = JOB_A, JOB_B

    [JOB_A]
    Dirname = A
    Profiles = ARGO_MON_CRITICAL
    PoemNamespace = ch.cern.SAM
    PoemServerHost = poem.example.org
    PoemServerVO = ops
    TopoFetchType = Sites
    TopoSelectGroupOfGroups = NGI:EGI.eu, Certification:(Certified,Candidate), Infrastructure:Production, Scope:EGI
    TopoSelectGroupOfEndpoints = Production:Y, Monitored:Y, Scope:EGI
    TopoFeed = https://goc.example.org/gocdbpi/
    TopoFeedPaging = True

    [JOB_B]
    Dirname = B
    TopoFetchType = ServiceGroups
    TopoSelectGroupOfGroups = Monitored:Y, ServiceGroup:(sg1,sg2)
    DowntimesFeed = file:///srv/feeds/
    WeightsFeed = http://vapor.example.org/x.json

    """

    /// The secrets the fault matrix configures; none may show in any output.
    package static let secrets = ["ams-secret-token", "poem-secret-token", "gocdb-pa55word"]
}

/// Deterministic randomness for corruption tests.
package struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    package init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A logger for components under test whose lines no test reads.
package let quietLogger = LogDestinations(errors: CapturedOutput()).logger("test")

/// A clock that records the waits asked of it and returns at once.
package final class RecordingClock: RunClock, @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [Double] = []

    package init() {}

    package func now() -> Double { SystemClock().now() }

    package func sleep(_ seconds: Double, cancellation: Cancellation) {
        lock.withLock { waits.append(seconds) }
    }

    package var sleeps: [Double] { lock.withLock { waits } }
}

/// A record of every Avro type, for codec and interoperability tests.
package enum EveryType {
    package static let schema = """
    {"type": "record", "name": "Every", "namespace": "test.avro", "fields": [
      {"name": "n", "type": "null"},
      {"name": "b", "type": "boolean"},
      {"name": "i", "type": "int"},
      {"name": "l", "type": "long"},
      {"name": "f", "type": "float"},
      {"name": "d", "type": "double"},
      {"name": "by", "type": "bytes"},
      {"name": "s", "type": "string"},
      {"name": "e", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "GREEN"]}},
      {"name": "a", "type": {"type": "array", "items": "long"}},
      {"name": "m", "type": {"type": "map", "values": ["int", "string"]}},
      {"name": "u", "type": ["null", "string", "Colour"]},
      {"name": "fx", "type": {"type": "fixed", "name": "Four", "size": 4}},
      {"name": "child", "type": ["null", "Every"]}
    ]}
    """

    package static func record(_ seed: Int, child: AvroValue = .null) -> AvroValue {
        .record([
            .null, .boolean(seed % 2 == 0), .int(Int32(seed) - 1_000_000), .long(Int64(seed) * -3_000_000_000),
            .float(Float(seed) + 0.5), .double(Double(seed) / 3), .bytes([0, 1, 255, UInt8(seed % 256)]),
            .string("héllo \(seed) ✓"), .enumSymbol(seed % 2 == 0 ? "RED" : "GREEN"),
            .array((0..<seed % 5).map { .long(Int64($0) << 40) }),
            .map([("count", .int(Int32(seed))), ("name", .string("n\(seed)"))]),
            seed % 3 == 0 ? .null : (seed % 3 == 1 ? .string("u") : .enumSymbol("GREEN")),
            .fixed([1, 2, 3, UInt8(seed % 256)]), child,
        ])
    }
}

/// Configuration files held in memory: the model loads them without a disk.
package struct MemoryFiles: ConfigurationFiles {
    package var files: [String: [UInt8]]

    package init(files: [String: [UInt8]]) { self.files = files }

    package func contents(of path: String) -> Result<[UInt8], FileReadError> {
        files[path].map { .success($0) } ?? .failure(FileReadError("no such file"))
    }

    package func unwritableReason(directory: String) -> String? { nil }
    package func permissions(of path: String) -> Int? { 0o600 }
    package func certificateProblem(certificate: String, key: String) -> String? { nil }
}

/// An HTTP client for a component under test: its own cancellation (nothing
/// cancels it unless the test passes one), the system clock unless given.
package func testHTTPClient(_ settings: HTTPSettings = HTTPSettings(), clock: any RunClock = SystemClock(),
                    cancellation: Cancellation = Cancellation()) -> HTTPClient {
    HTTPClient(settings: settings, logger: quietLogger, cancellation: cancellation, clock: clock)
}

/// A wall clock stopped at `now`, in a time zone `utcOffsetSeconds` ahead of UTC.
package struct FixedCalendar: RunCalendar {
    package let fixed: Date
    package let offset: Int

    package init(_ now: Date, utcOffsetSeconds: Int) { (fixed, offset) = (now, utcOffsetSeconds) }

    package func now() -> Date { fixed }
    package func utcOffsetSeconds(at date: Date) -> Int { offset }
}

/// A connector's context for a test: feeds through `transport` (an
/// in-memory one, or a real client to a loopback server), the day, and a
/// BDII client of its own (loopback slapd tests give theirs).
package func testContext(_ transport: any FeedTransport, date: RunDate = RunDate(year: 2026, month: 11, day: 28), flags: Set<String> = [],
                 passExtensions: Bool = false, saveDir: String? = nil, ldap: LDAPClient? = nil) -> ConnectorContext {
    ConnectorContext(http: transport,
                     ldap: ldap ?? LDAPClient(connection: transport.settings.connection, logger: quietLogger, cancellation: Cancellation(), clock: SystemClock()),
                     date: date, logger: quietLogger, flags: flags, passExtensions: passExtensions, saveDir: saveDir)
}
