import XCTest
@testable import ArgoModel
@testable import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// Hostile feeds, files and configurations: an error, never a crash, a hang
/// or unbounded memory.
final class HostileInputTests: XCTestCase {
    var directory: TempDirectory!
    override func setUp() { directory = TempDirectory() }

    /// Runs `connector` against a server answering `body` (with `headers`)
    /// to every request; returns the run and its peak RSS.
    private func run(_ connector: String, body: [UInt8], headers: [(String, String)] = [("Content-Type", "application/xml")],
                     feedLine: (String) -> String) throws -> (RunResult, Double) {
        let server = try TestHTTPServer { _ in .init(bytes: body, headers: headers) }
        let customer = customerConf(name: "X", jobs: [("JOB_X", "X", feedLine(server.baseURL))])
        var files = ConfigFiles(in: directory, customers: customer)
        files.set("Connection", "Retry", "0")
        files.set("Connection", "Timeout", "60")
        // Secrets everywhere, to prove none leaks into any message.
        for (key, value) in [("UsePlainHttpAuth", "True"), ("HttpUser", "u"), ("HttpPass", "gocdb-pa55word"), ("PoemToken", "poem-secret-token")] {
            files.set("Authentication", key, value)
        }
        files.set("AMS", "Token", "ams-secret-token")
        let args = files.write()
        chmod(args[3], 0o600)
        let outcome = runBinaryMeasured([connector, "-d", "2026-11-28", "-q"] + args)
        for secret in Samples.secrets {
            XCTAssertFalse(outcome.0.stdout.contains(secret) || outcome.0.stderr.contains(secret), "\(secret) leaked")
        }
        return outcome
    }

    private func topology(_ body: [UInt8], headers: [(String, String)] = [("Content-Type", "application/xml")]) throws -> (RunResult, Double) {
        try run("topology", body: body, headers: headers) { "TopoFeed = \($0)/gocdbpi/" }
    }

    private func assertRefused(_ outcome: (RunResult, Double), mentioning text: String, maxMB: Double = 100,
                               file: StaticString = #filePath, line: UInt = #line) {
        let (result, peak) = outcome
        XCTAssertEqual(result.status, 1, result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(text), "expected '\(text)' in \(result.stderr)", file: file, line: line)
        // The AMS token is there only to prove it never leaks: its "no effect" warning is not part of the refusal.
        // (Issue #30: a failed job's summary is an error line of its own.)
        let lines = result.stderr.split(separator: "\n").filter { !$0.contains("warning: [AMS] has no effect") && !$0.contains(" summary: failed") }
        XCTAssertEqual(lines.count, 1, "one line: \(result.stderr)", file: file, line: line)
        XCTAssertLessThan(peak, maxMB, "peak RSS", file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("out/X")), "nothing written", file: file, line: line)
    }

    func testInvalidUTF8() throws {
        let body = Array("<results><SITE NAME=\"".utf8) + [0xC3, 0x28, 0xFF] + Array("\"><ROC>x</ROC></SITE></results>".utf8)
        assertRefused(try topology(body), mentioning: "UTF-8")
    }

    func testTenThousandDeepNesting() throws {
        let body = "<results>" + String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000) + "</results>"
        assertRefused(try topology(Array(body.utf8)), mentioning: "elements nested deeper than 256")
    }

    func testAHundredMegabyteTextNode() throws {
        var body = Array("<results><SITE NAME=\"x\"><ROC>".utf8)
        body += [UInt8](repeating: UInt8(ascii: "a"), count: 100_000_000)
        body += Array("</ROC></SITE></results>".utf8)
        assertRefused(try topology(body), mentioning: "a field's text is longer than 65536 bytes")
    }

    func testAHundredMegabyteTextNodeInAnIgnoredElementStreamsThrough() throws {
        var body = Array("<results><SITE NAME=\"x\"><ROC>NGI_X</ROC><DESCRIPTION>".utf8)
        body += [UInt8](repeating: UInt8(ascii: "a"), count: 100_000_000)
        body += Array("</DESCRIPTION></SITE></results>".utf8)
        let (result, peak) = try topology(body)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertLessThan(peak, 100, "streamed, not held")
        XCTAssertEqual(avroLines(directory.file("out/X/group_groups_2026_11_28.avro")).count, 1)
    }

    func testAGzipBombStopsAtTheLimit() throws {
        let bomb = directory.file("bomb.gz")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        // 1.1 GB of XML (a results element full of spaces), gzipped to about 1 MB.
        shell.arguments = ["-c", "{ printf '<results>'; head -c 1100000000 /dev/zero | tr '\\0' ' '; printf '</results>'; } | gzip -1 > \(bomb)"]
        try shell.run()
        shell.waitUntilExit()
        let compressed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: bomb)))
        XCTAssertLessThan(compressed.count, 10_000_000)
        let outcome = try topology(compressed, headers: [("Content-Type", "application/xml"), ("Content-Encoding", "gzip")])
        assertRefused(outcome, mentioning: "response larger than the limit of \(HTTPSettings.defaultMaxBodyBytes) bytes")
    }

    func testHostileJSON() throws {
        let cases: [(String, String)] = [
            (String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000), "nesting deeper than 128"),
            (#"[{"ngi": 1, "site": []}]"#, "[0].ngi: expected a string, found number"),
            (#"[{"ngi": "N", "site": [{"id": "S", "ComputationPower": 1\#(String(repeating: "0", count: 5000))}]}]"#, "number literal longer than 4096"),
            ("[{\"ngi\": \"N\u{FFFD}\", \"site\": \"x\"}]", "[0].site: expected an array, found string"),
        ]
        for (body, message) in cases {
            assertRefused(try run("weights", body: Array(body.utf8), headers: [("Content-Type", "application/json")]) { "WeightsFeed = \($0)/vapor" },
                          mentioning: message)
        }
        let invalid = Array(#"[{"ngi": ""#.utf8) + [0xFF, 0xFE] + Array(#"", "site": []}]"#.utf8)
        assertRefused(try run("weights", body: invalid, headers: []) { "WeightsFeed = \($0)/vapor" }, mentioning: "invalid UTF-8")
        let poem = Array(#"{"name": "P", "vo": "ops", "metric_instances": [{"service_flavour": ["x"], "metric": "m"}]}"#.utf8)
        assertRefused(try run("poem", body: poem, headers: []) { "Profiles = P\nPoemNamespace = n\nPoemServerHost = \($0)\nPoemServerVO = ops" },
                      mentioning: "metric_instances[0].service_flavour: expected a string, found array")
        // Issue #18, point 17: a number beyond any arithmetic would reach ARGO as infinity.
        for weight in ["1e999999", #""-1e400""#] {
            let huge = Array(#"[{"ngi": "N", "site": [{"id": "S", "ComputationPower": \#(weight)}]}]"#.utf8)
            assertRefused(try run("weights", body: huge, headers: []) { "WeightsFeed = \($0)/vapor" },
                          mentioning: "[0].site[0].ComputationPower: \(weight.replacingOccurrences(of: "\"", with: "")) is not a finite number")
        }
        // A field longer than the feeds' field limit, in POEM and VAPOR alike.
        let longName = String(repeating: "m", count: FieldLimit.maxBytes + 1)
        let longMetric = Array(#"{"name": "P", "vo": "ops", "metric_instances": [{"service_flavour": "CE", "metric": "\#(longName)"}]}"#.utf8)
        assertRefused(try run("poem", body: longMetric, headers: []) { "Profiles = P\nPoemNamespace = n\nPoemServerHost = \($0)\nPoemServerVO = ops" },
                      mentioning: "metric_instances[0].metric: 65537 bytes long, more than the limit of 65536 for one field")
        let longSite = Array(#"[{"ngi": "N", "site": [{"id": "\#(longName)", "ComputationPower": 1}]}]"#.utf8)
        assertRefused(try run("weights", body: longSite, headers: []) { "WeightsFeed = \($0)/vapor" },
                      mentioning: "[0].site[0].id: 65537 bytes long")
        let large = Array(#"[{"ngi": "N", "site": [{"id": "S", "ComputationPower": 1e300}]}]"#.utf8)
        let (accepted, _) = try run("weights", body: large, headers: []) { "WeightsFeed = \($0)/vapor" }
        XCTAssertEqual(accepted.status, 0, "a large but finite number is passed on as text")
        XCTAssertEqual(avroLines(directory.file("out/X/weights_2026_11_28.avro")), [#"{"type": "computationpower", "site": "S", "weight": "1e300"}"#])
    }

    /// Corruptions of every conformance file at the header, block counts,
    /// sizes and sync markers: errors only.
    func testCorruptAvroFilesGiveErrorsOnly() throws {
        let names = ["group_endpoints_v2.avro", "group_groups_v2.avro", "downtimes_v2.avro", "downtimes_03.avro",
                     "weights_v2.avro", "poem_sync_v2.avro", "poem_sync_2017_03_02.avro"]
        var generator = SeededGenerator(seed: 7)
        var detected = 0, total = 0
        for name in names {
            let original = [UInt8](try Data(contentsOf: Paths.fixture("avro/\(name)")))
            let reader = try AvroContainerReader(bytes: original)
            let headerEnd = original.count - firstBlockLength(original, reader)
            for round in 0..<120 {
                var bytes = original
                let header = 0..<headerEnd, blocks = headerEnd..<bytes.count
                switch round % 6 {
                case 0: bytes[Int.random(in: header, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
                case 1: bytes[headerEnd] = 0xFE; bytes.insert(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF, 0x7F], at: headerEnd + 1)  // huge block count
                case 2:
                    var encoder = AvroBinaryEncoder()
                    encoder.writeLong(Int64.random(in: 1...Int64.max, using: &generator))
                    bytes.replaceSubrange(headerEnd..<headerEnd + 1, with: encoder.bytes)  // count replaced by a random one
                case 3: bytes[bytes.count - 1 - Int.random(in: 0..<16, using: &generator)] ^= 0x55  // last sync marker
                case 4: bytes.removeSubrange(Int.random(in: blocks, using: &generator)...)
                default:
                    for _ in 0..<4 { bytes[Int.random(in: blocks, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
                }
                total += 1
                do {
                    try AvroContainerReader(bytes: bytes).forEachRecord { _ in }
                } catch {
                    detected += 1
                }
            }
        }
        XCTAssertGreaterThan(detected, total / 2)
    }

    private func firstBlockLength(_ bytes: [UInt8], _ reader: AvroContainerReader) -> Int {
        var length = 0
        try? reader.forEachBlock { _, _ in }
        // The header is magic + metadata + 16-byte sync; find the first sync marker's end.
        let sync = Array(bytes[bytes.count - 16..<bytes.count])
        for start in 4..<(bytes.count - 16) where Array(bytes[start..<start + 16]) == sync {
            length = bytes.count - (start + 16)
            break
        }
        return length
    }

    func testHugeCountsInAFileDoNotAllocateAndFailInOneLine() throws {
        var file = AvroBinaryEncoder()
        file.writeRaw([0x4F, 0x62, 0x6A, 0x01])
        file.writeLong(1)
        file.writeString("avro.schema")
        file.writeBytes(Array(#"{"type": "array", "items": "string"}"#.utf8))
        file.writeLong(0)
        let sync = [UInt8](repeating: 0xAB, count: 16)
        file.writeRaw(sync)
        var block = AvroBinaryEncoder()
        block.writeLong(1 << 40)  // an array claiming a trillion strings
        file.writeLong(1)
        file.writeLong(Int64(block.bytes.count))
        file.writeRaw(block.bytes)
        file.writeRaw(sync)
        let path = directory.file("huge.avro")
        try Data(file.bytes).write(to: URL(fileURLWithPath: path))
        let (result, peak) = runBinaryMeasured(["cat", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertLessThan(peak, 64)
    }

    /// Random mutations of the example configurations: every command reads
    /// them, and exits 0, 1 or 2 with messages, never a crash.
    func testMutatedConfigurations() throws {
        let schemas = Paths.schemas + "/"
        // Every feed local (there is no network here, and the defaults are remote).
        let local = "file://\(directory.path)/nowhere"
        let customerText = try String(contentsOf: Paths.root.appendingPathComponent("config-examples/customer.conf"), encoding: .utf8)
            .replacingOccurrences(of: "/var/lib/argo-connectors", with: directory.path)
            .replacingOccurrences(of: "poem-devel.argo.grnet.gr", with: local)
            .replacingOccurrences(of: "#TopoFeed = https://goc.egi.eu/gocdbpi/", with: "")
            .replacingOccurrences(of: "Dirname = ", with: "TopoFeed = \(local)/\nDowntimesFeed = \(local)/\nWeightsFeed = \(local)/v.json\nDirname = ")
        let globalText = try String(contentsOf: Paths.root.appendingPathComponent("config-examples/global.conf"), encoding: .utf8)
            .replacingOccurrences(of: "/etc/argo-egi-connectors/schemas/", with: schemas)
            .replacingOccurrences(of: "/var/lib/argo-connectors/states/", with: directory.file("states"))
        var generator = SeededGenerator(seed: 11)
        let pieces = ["[", "]", "=", ":", "%(", ")s", "%", "\n", "  ", "#", "CUSTOMER_", "Jobs = ", "(", ",", "\u{0}", "é"]
        func mutate(_ text: String) -> String {
            var lines = text.components(separatedBy: "\n")
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<lines.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: lines.remove(at: index)
                case 1: lines.insert(lines[Int.random(in: 0..<lines.count, using: &generator)], at: index)
                case 2:
                    var line = Array(lines[index])
                    line.insert(contentsOf: pieces.randomElement(using: &generator)!, at: Int.random(in: 0...line.count, using: &generator))
                    lines[index] = String(line)
                default: lines[index] = String(lines[index].shuffled(using: &generator))
                }
                if lines.isEmpty { lines = [""] }
            }
            return lines.joined(separator: "\n")
        }
        for round in 0..<300 {
            let log = DiagnosticLog()
            _ = INIFile(text: mutate(round % 2 == 0 ? customerText : globalText), path: "x.conf", log: log)
        }
        let fastGlobal = globalText.replacingOccurrences(of: "Timeout = 180", with: "Timeout = 2")
            .replacingOccurrences(of: "Retry = 3", with: "Retry = 0").replacingOccurrences(of: "SleepRetry = 60", with: "SleepRetry = 0")
        for round in 0..<24 {
            let c = directory.write("c\(round).conf", mutate(customerText), mode: 0o600)
            // Connectors get an intact global.conf, so a mutation cannot restore remote defaults with long timeouts.
            let g = directory.write("g\(round).conf", round % 6 == 0 ? mutate(globalText) : fastGlobal, mode: 0o600)
            let command = ["validate-config", "topology", "downtimes", "weights", "poem", "all"][round % 6]
            let result = runApp([command, "-c", c, "-g", g] + (command == "validate-config" ? [] : ["-d", "2026-11-28", "-q", "--jobs", "1"]))
            XCTAssertTrue([0, 1, 2].contains(result.status), "\(command) round \(round): status \(result.status)\n\(result.stderr)")
            XCTAssertFalse(result.stderr.contains("Fatal error") || result.stderr.contains("Stack dump"), result.stderr)
        }
    }
}
