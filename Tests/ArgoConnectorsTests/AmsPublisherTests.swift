import XCTest
@testable import ArgoConnectors
import ArgoModel
import ArgoSystem
import ArgoTestSupport

final class AmsPublisherTests: XCTestCase {
    let schema = try! AvroSchemaDocument(parsing: #"{"type": "record", "name": "weight_sites", "namespace": "argo.avro", "fields": [{"name": "type", "type": "string"}, {"name": "site", "type": "string"}, {"name": "weight", "type": "string"}]}"#)

    private func records(_ count: Int) -> [AvroValue] {
        (0..<count).map { .record([.string("computationpower"), .string("SITE-\($0)"), .string("\($0 * 7)")]) }
    }

    private func encode(_ values: [AvroValue]) throws -> EncodedRecords {
        try OutputBatch(kind: .weights, schema: schema, records: values).encoded()
    }

    private func publisher(_ server: TestHTTPServer, pack: Bool, bulk: Int, retries: Int = 2, token: String = "ams-secret-token") -> AmsPublisher {
        var settings = HTTPSettings()
        settings.connection.retries = retries
        settings.connection.sleepRetrySeconds = 0
        return AmsPublisher(http: testHTTPClient(settings), destination: AmsDestination(
            host: server.baseURL, project: "EGI", topic: "TOPIC", token: token, bulk: bulk, packSingleMessage: pack))
    }

    let attributes = [("type", "weights"), ("report", "Critical"), ("partition_date", "2026-11-28")]

    func testEveryRecordArrivesExactlyOncePackedAndUnpacked() throws {
        for bulk in [7, 100] {
            for count in [1, bulk, bulk + 1, 1000] {
                for pack in [true, false] {
                    let ams = FakeAms()
                    let server = try TestHTTPServer(handler: ams.respond)
                    let sent = records(count)
                    let delivery = try publisher(server, pack: pack, bulk: bulk).publish(try encode(sent), attributes: attributes)
                    let label = "bulk \(bulk), \(count) records, pack \(pack)"
                    XCTAssertEqual(ams.decodedRecords(schema.schema), sent, label)
                    XCTAssertEqual(delivery.records, count, label)
                    XCTAssertEqual(ams.messages.count, pack ? 1 : count, label)
                    XCTAssertEqual(ams.requests, pack ? 1 : (count + bulk - 1) / bulk, label)
                    XCTAssertTrue(ams.messages.allSatisfy { $0.attributes == ["type": "weights", "report": "Critical", "partition_date": "2026-11-28"] })
                    XCTAssertTrue(ams.messages.allSatisfy { $0.project == "EGI" && $0.topic == "TOPIC" })
                    XCTAssertFalse(ams.messages.contains(where: \.keyInURL), "the key travels in x-api-key, never in the URL")
                }
            }
        }
    }

    func testAnEmptyPackedResultIsOneEmptyMessage() throws {
        let ams = FakeAms()
        let server = try TestHTTPServer(handler: ams.respond)
        _ = try publisher(server, pack: true, bulk: 100).publish(EncodedRecords(bytes: [], ends: []), attributes: attributes)
        XCTAssertEqual(ams.messages.count, 1)
        XCTAssertEqual(ams.messages[0].data, [])
        let none = FakeAms()
        let unpacked = try TestHTTPServer(handler: none.respond)
        XCTAssertEqual(try publisher(unpacked, pack: false, bulk: 100).publish(EncodedRecords(bytes: [], ends: []), attributes: attributes), AmsDelivery())
        XCTAssertEqual(none.requests, 0)
    }

    func testUnavailableTwiceThenAcceptedRetriesOnlyThatRequest() throws {
        let ams = FakeAms()
        ams.faults = [2: FakeAms.error(503, "Service unavailable", "UNAVAILABLE"), 3: FakeAms.error(503, "Service unavailable", "UNAVAILABLE")]
        let server = try TestHTTPServer(handler: ams.respond)
        let sent = records(20)
        let delivery = try publisher(server, pack: false, bulk: 7).publish(try encode(sent), attributes: attributes)
        XCTAssertEqual(delivery.records, 20)
        XCTAssertEqual(ams.requests, 5, "3 chunks, the second sent three times")
        XCTAssertEqual(ams.decodedRecords(schema.schema), sent)
    }

    func testTooLargeAndUnauthorisedFailFastWithAMSsMessage() throws {
        let big = FakeAms()
        big.maxRequestBytes = 200
        let bigServer = try TestHTTPServer(handler: big.respond)
        XCTAssertThrowsError(try publisher(bigServer, pack: true, bulk: 100).publish(try encode(records(50)), attributes: attributes)) { error in
            XCTAssertTrue("\(error)".contains("AMS refused the publish: HTTP 413 Message size too large (INVALID_ARGUMENT); 50 of 50 records not delivered"), "\(error)")
        }
        XCTAssertEqual(big.requests, 1)
        let ams = FakeAms()
        let server = try TestHTTPServer(handler: ams.respond)
        XCTAssertThrowsError(try publisher(server, pack: false, bulk: 7, token: "wrong").publish(try encode(records(20)), attributes: attributes)) { error in
            XCTAssertTrue("\(error)".contains("HTTP 401 Unauthorized (UNAUTHORIZED); 20 of 20 records not delivered"), "\(error)")
            XCTAssertFalse("\(error)".contains("wrong"), "the token is not in the error")
        }
        XCTAssertEqual(ams.requests, 1)
    }

    func testWhenRetriesRunOutTheUndeliveredCountIsReported() throws {
        let ams = FakeAms()
        ams.faults = [3: FakeAms.error(500, "boom", "INTERNAL"), 4: FakeAms.error(500, "boom", "INTERNAL")]
        let server = try TestHTTPServer(handler: ams.respond)
        XCTAssertThrowsError(try publisher(server, pack: false, bulk: 7, retries: 1).publish(try encode(records(30)), attributes: attributes)) { error in
            XCTAssertTrue("\(error)".hasSuffix("16 of 30 records not delivered (14 delivered)"), "\(error)")
        }
        XCTAssertEqual(ams.decodedRecords(schema.schema).count, 14, "the first two chunks arrived once each")
    }

    func testHostForms() {
        let d = AmsDestination(host: "msg.argo.grnet.gr", project: "EGI", topic: "METRIC_DATA", token: "t", bulk: 1, packSingleMessage: true)
        XCTAssertEqual(d.publishURL, "https://msg.argo.grnet.gr/v1/projects/EGI/topics/METRIC_DATA:publish")
        let e = AmsDestination(host: "http://127.0.0.1:8080/", project: "EGI", topic: "T", token: "t", bulk: 1, packSingleMessage: true)
        XCTAssertEqual(e.publishURL, "http://127.0.0.1:8080/v1/projects/EGI/topics/T:publish")
    }
}

/// Connectors publishing through AmsSink, run as the real binary.
