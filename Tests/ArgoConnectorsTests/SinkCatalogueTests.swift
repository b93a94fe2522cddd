import XCTest
import ArgoConnectors
@testable import ArgoModel
import ArgoSystem
import ArgoTestSupport

/// Sinks are chosen from `SinkCatalogue` by the configuration, plan their
/// own dry runs, and a batch two of them send as Avro is encoded once.
final class SinkCatalogueTests: XCTestCase {
    private func global(_ text: String) -> GlobalConfig {
        let log = DiagnosticLog()
        return GlobalConfig(ini: INIFile(text: text, path: "/mem/global.conf", log: log), log: log)
    }

    private func chosen(_ globalText: String, outputs: [OutputKind]) -> [String] {
        let context = SinkContext(global: global(globalText), outputs: outputs, http: testHTTPClient(), cancellation: Cancellation())
        return SinkCatalogue.sinks(context).map(\.name)
    }

    func testTheConfigurationChoosesTheSinks() {
        let avroSchemas = "[AvroSchemas]\nWeights = /x.avsc\n"
        XCTAssertEqual(chosen("[General]\nWriteAvro = True\nPublishAms = True\n" + avroSchemas, outputs: [.weights]), ["avro", "ams"])
        XCTAssertEqual(chosen("[General]\nWriteAvro = False\nWriteJson = True\n" + avroSchemas, outputs: [.weights]), ["json"])
        XCTAssertEqual(chosen("[General]\nWriteAvro = False\nPublishAms = False\n" + avroSchemas, outputs: [.weights]), [])
        // 2.3.1: JSON files and the WEB-API, which takes no metric profiles (they live there).
        let gen231 = "[General]\nWriteJson = True\nPublishWebAPI = True\nPassExtensions = True\n"
        XCTAssertEqual(chosen(gen231, outputs: [.weights]), ["json", "webapi"])
        XCTAssertEqual(chosen(gen231, outputs: [.poem]), ["json"])
    }

    private let schema = try! AvroSchemaDocument(parsing: #"{"type": "record", "name": "weight_sites", "namespace": "argo.avro", "fields": [{"name": "type", "type": "string"}, {"name": "site", "type": "string"}, {"name": "weight", "type": "string"}]}"#)

    private func target(_ outputDir: String, amsHost: String? = nil) -> JobTarget {
        var ams = AmsSettings()
        (ams.host, ams.project, ams.topic, ams.token) = (amsHost, "EGI", "TOPIC", "ams-secret-token")
        let customer = CustomerConfig(section: "CUSTOMER_X", line: 1, name: "X", outputDir: outputDir, ams: ams,
                                      authentication: AuthenticationSettings())
        return JobTarget(customer: customer, job: JobConfig(section: "JOB_A", line: 1, dirname: "A"), date: RunDate(year: 2026, month: 11, day: 28))
    }

    /// 1,000 weights, counting how often a record is made (each making is an encoding).
    private final class Counter: @unchecked Sendable { var made = 0 }

    private func batch(sharing: Bool, counter: Counter) -> OutputBatch {
        OutputBatch(kind: .weights, schema: schema, count: 1000, record: { index in
            counter.made += 1
            return .record([.string("computationpower"), .string("SITE-\(index)"), .string("\(index * 7)")])
        }, sharesEncoding: sharing)
    }

    func testAvroFilesAndAmsShareOneEncodingAndWriteTheSameBytes() throws {
        let ams = FakeAms()
        let server = try TestHTTPServer(handler: ams.respond)
        let directory = TempDirectory()
        let globalConfig = global("[General]\nWriteAvro = True\nPublishAms = True\n[AvroSchemas]\nWeights = /x.avsc\n[Output]\nWeights = weights_DATE.avro\n")
        let job = target(directory.file("out"), amsHost: server.baseURL)
        let file = directory.file("out/A/weights_2026_11_28.avro")
        let sinks = SinkCatalogue.sinks(SinkContext(global: globalConfig, outputs: [.weights], http: testHTTPClient(), cancellation: Cancellation()))
        XCTAssertEqual(sinks.map(\.name), ["avro", "ams"])

        let alone = Counter()
        for sink in sinks { _ = try sink.deliver(batch(sharing: false, counter: alone), for: job) }
        XCTAssertEqual(alone.made, 2000, "without sharing, each sink encodes")
        let aloneFile = try Data(contentsOf: URL(fileURLWithPath: file))

        let shared = Counter()
        let sharedBatch = batch(sharing: true, counter: shared)
        for sink in sinks { _ = try sink.deliver(sharedBatch, for: job) }
        XCTAssertEqual(shared.made, 1000, "each record made and encoded once for both sinks")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), aloneFile, "the file is byte for byte the same")
        XCTAssertEqual(avroRecords(file).count, 1000)
        XCTAssertEqual(ams.messages.count, 2)
        XCTAssertEqual(ams.messages[0].data, ams.messages[1].data, "AMS got the same message both ways")
    }

    func testADryRunSaysWhatEachChosenSinkWouldDo() throws {
        let globalConfig = global("[General]\nWriteAvro = True\nWriteJson = True\nPublishAms = True\n[AvroSchemas]\nWeights = /x.avsc\n[Output]\nWeights = weights_DATE.avro\n")
        let sinks = SinkCatalogue.sinks(SinkContext(global: globalConfig, outputs: [.weights], http: testHTTPClient(), cancellation: Cancellation()))
        let dryRun = DryRunSink(planning: sinks)
        let plan = try dryRun.deliver(batch(sharing: false, counter: Counter()), for: target("/out", amsHost: "ams.example.org"))
        XCTAssertEqual(plan, "would write /out/A/weights_2026_11_28.avro (1000 records); would write /out/A/weights_2026_11_28.json (1000 records); "
                       + "would publish 1000 records of type weights in 1 message (1 request) to AMS EGI/TOPIC")
        let bad = OutputBatch(kind: .weights, schema: schema, records: [.record([.string("only one field")])])
        XCTAssertThrowsError(try dryRun.deliver(bad, for: target("/out")), "a record that does not encode fails the dry run too")
    }
}
