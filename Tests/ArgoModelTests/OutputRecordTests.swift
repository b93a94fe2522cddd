import XCTest
import ArgoModel
import ArgoTestSupport

/// Each record's Avro fields, names and values in ARGO's schema order,
/// written out here by hand (not derived from the declarations under test);
/// the endpoint record, which spells out `avroFields` for speed, must also
/// agree with its declared fields.
final class OutputRecordTests: XCTestCase {
    private func assertFields<Record: OutputRecord>(_ record: Record, _ expected: [(String, AvroValue)],
                                                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Record.fieldNames, expected.map(\.0), "\(Record.self) field names", file: file, line: line)
        XCTAssertEqual(record.avroFields, expected.map(\.1), "\(Record.self) values", file: file, line: line)
        XCTAssertEqual(Record.fields.map { $0.value(record) }, expected.map(\.1), "\(Record.self) declared fields", file: file, line: line)
    }

    func testEveryRecordHasArgosFieldsInOrder() {
        assertFields(TopologyEndpointRecord(type: "SITES", group: "S1", service: "CE", hostname: "h.org",
                                            tags: [("scope", "EGI"), ("monitored", "1"), ("production", "0")]),
                     [("type", .string("SITES")), ("group", .string("S1")), ("service", .string("CE")), ("hostname", .string("h.org")),
                      ("tags", .stringMap([("scope", "EGI"), ("monitored", "1"), ("production", "0")]))])
        assertFields(TopologyGroupRecord(type: "NGI", group: "NGI_A", subgroup: "S1", tags: [("scope", "EGI")]),
                     [("type", .string("NGI")), ("group", .string("NGI_A")), ("subgroup", .string("S1")),
                      ("tags", .stringMap([("scope", "EGI")]))])
        assertFields(DowntimeRecord(hostname: "h", service: "CE", startTime: "a", endTime: "b"),
                     [("hostname", .string("h")), ("service", .string("CE")), ("start_time", .string("a")), ("end_time", .string("b"))])
        assertFields(WeightRecord(site: "S1", weight: "12.5"),
                     [("type", .string("computationpower")), ("site", .string("S1")), ("weight", .string("12.5"))])
        assertFields(MetricProfileRecord(profile: "ns.P", service: "CE", metric: "m", vo: "ops"),
                     [("profile", .string("ns.P")), ("service", .string("CE")), ("metric", .string("m")), ("tags", .stringMap([("vo", "ops")]))])
    }
}
