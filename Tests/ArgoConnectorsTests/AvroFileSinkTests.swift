import XCTest
@testable import ArgoConnectors
@testable import ArgoModel
@testable import ArgoSystem
import ArgoTestSupport

final class AvroFileSinkTests: XCTestCase {
    private var global: GlobalConfig?

    /// Job A of customer X, writing under `outputDir`.
    private func destination(_ outputDir: String) -> JobTarget {
        let customer = CustomerConfig(section: "CUSTOMER_X", line: 1, name: "X", outputDir: outputDir, ams: AmsSettings(),
                                      authentication: AuthenticationSettings())
        return JobTarget(customer: customer, job: JobConfig(section: "JOB_A", line: 1, dirname: "A"), date: RunDate(year: 2026, month: 11, day: 28))
    }

    private func sink() throws -> (AvroFileSink, AvroSchemaDocument) {
        let directory = TempDirectory()
        var files = ConfigFiles(in: directory, customers: Samples.validCustomer)
        files.set("General", "WriteAvro", "True")
        let args = files.write()
        let (configuration, log) = Configuration.load(globalPath: args[3], customerPath: args[1])
        let config = try XCTUnwrap(configuration, "\(log.entries)")
        global = config.global
        return (AvroFileSink(files: OutputFiles(config.global), cancellation: Cancellation()), config.schemas[.weights]!)
    }

    private func weights(_ rows: [[String]]) -> [AvroValue] {
        rows.map { .record($0.map(AvroValue.string)) }
    }

    func testWritesIntoCreatedDirectoriesWithTheDatedName() throws {
        let (sink, schema) = try sink()
        let directory = TempDirectory()
        let path = try sink.deliver(OutputBatch(kind: .weights, schema: schema, records: weights([["computationpower", "S1", "12"]])),
                                    for: destination(directory.file("deep/er/")))
        XCTAssertEqual(path, directory.file("deep/er/A/weights_2026_11_28.avro"))
        XCTAssertEqual(avroLines(path), [#"{"type": "computationpower", "site": "S1", "weight": "12"}"#])
    }

    func testAFailedWriteLeavesTheOldFileIntactAndNoTemporaryFile() throws {
        let (sink, schema) = try sink()
        let directory = TempDirectory()
        let path = try sink.deliver(OutputBatch(kind: .weights, schema: schema, records: weights([["t", "OLD", "1"]])), for: destination(directory.path))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let bad = weights([["t", "NEW", "2"]]) + [.record([.string("t"), .int(3), .string("x")])]
        XCTAssertThrowsError(try sink.deliver(OutputBatch(kind: .weights, schema: schema, records: bad), for: destination(directory.path))) { error in
            XCTAssertEqual("\(error)", "record.site: expected string, found int")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.file("A")), ["weights_2026_11_28.avro"])
    }

    func testStaleTemporaryFilesOfAKilledRunAreSweptUpAndLiveOnesKept() throws {
        let (sink, schema) = try sink()
        let directory = TempDirectory()
        let dead = try deadPID()
        directory.write("A/.weights_2026_11_28.avro.tmp-\(dead)-1", "half a file of a killed run")
        directory.write("A/.weights_2026_11_01.avro.tmp-\(dead)-7", "another day's")
        directory.write("A/.weights_2026_11_28.avro.tmp-1-3", "pid 1 is alive: a live run's")
        XCTAssertEqual(AtomicFileWriter.sweepAbandonedTemporaries(in: directory.file("A")).sorted(),
                       [".weights_2026_11_01.avro.tmp-\(dead)-7", ".weights_2026_11_28.avro.tmp-\(dead)-1"])
        _ = try sink.deliver(OutputBatch(kind: .weights, schema: schema, records: []), for: destination(directory.path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.file("A")).sorted(),
                       [".weights_2026_11_28.avro.tmp-1-3", "weights_2026_11_28.avro"], "a write never removes a live run's file")
        XCTAssertEqual(avroLines(directory.file("A/weights_2026_11_28.avro")), [], "an empty result is a valid empty file")
    }

    func testAnUncreatableDirectoryIsAClearError() throws {
        let (sink, schema) = try sink()
        let directory = TempDirectory()
        let blocker = directory.write("blocker", "a file where a directory should be")
        XCTAssertThrowsError(try sink.deliver(OutputBatch(kind: .weights, schema: schema, records: []), for: destination(blocker))) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(blocker)/A: cannot create directory"), "\(error)")
        }
    }
}
