import XCTest
@testable import ArgoModel
@testable import ArgoTestSupport

/// Records list their fields once; one that spells out `avroFields` for speed must agree.
final class OutputRecordTests: XCTestCase {
    private func assertAgrees<Record: OutputRecord>(_ record: Record, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(record.avroFields, Record.fields.map { $0.value(record) }, "\(Record.self)", file: file, line: line)
        XCTAssertEqual(Record.fieldNames.count, record.avroFields.count, file: file, line: line)
    }

    func testSpelledOutFieldsAgreeWithTheDeclaredOnes() {
        assertAgrees(TopologyEndpointRecord(type: "SITES", group: "S1", service: "CE", hostname: "h.org",
                                            tags: [("scope", "EGI"), ("monitored", "1"), ("production", "0")]))
        assertAgrees(TopologyGroupRecord(type: "NGI", group: "NGI_A", subgroup: "S1", tags: [("scope", "EGI")]))
        assertAgrees(DowntimeRecord(hostname: "h", service: "CE", startTime: "a", endTime: "b"))
        assertAgrees(WeightRecord(site: "S1", weight: "12.5"))
        assertAgrees(MetricProfileRecord(profile: "ns.P", service: "CE", metric: "m", vo: "ops"))
        XCTAssertEqual(TopologyEndpointRecord.fieldNames, ["type", "group", "service", "hostname", "tags"])
    }
}
