import XCTest
@testable import ArgoModel

/// Issue #22: matching records by identity, not position.
final class RecordDiffTests: XCTestCase {
    private func endpoint(_ host: String, production: String = "1") -> RecordSummary {
        RecordSummary(.object([("type", .string("SITES")), ("group", .string("G")), ("service", .string("s")), ("hostname", .string(host)),
                               ("tags", .object([("production", .string(production))]))]), kind: .groupOfEndpoints)
    }

    func testAKeyListedTwiceIsTwoRecordsPairedInOrder() {
        let match = RecordMatch(a: [endpoint("h"), endpoint("h"), endpoint("x")], b: [endpoint("x"), endpoint("h", production: "0")])
        XCTAssertEqual(match.changed.map(\.a), [0], "the first h pairs with the first")
        XCTAssertEqual(match.changed.map(\.b), [1])
        XCTAssertEqual(match.removed, [1], "the second h is gone")
        XCTAssertEqual(match.added, [])
        XCTAssertEqual(match.unchanged, 1)
    }

    func testKindsAndNormalisation() {
        XCTAssertEqual(RecordKind.of(.object([("name", .string("S")), ("value", .number("1"))])), .weights, "the WEB-API's weights")
        let file = RecordSummary(.object([("type", .string("computationpower")), ("site", .string("S")), ("weight", .string("4600"))]), kind: .weights)
        let api = RecordSummary(.object([("type", .string("computationpower")), ("name", .string("S")), ("value", .number("4600.0"))]), kind: .weights)
        XCTAssertEqual(file.key, api.key)
        XCTAssertEqual(file.restHash, api.restHash, "one weight, whatever its spelling")
        let dated = RecordSummary(.object([("date", .string("2026-11-28")), ("type", .string("SITES")), ("group", .string("G")), ("service", .string("s")),
                                           ("hostname", .string("h")), ("tags", .object([("production", .string("1"))]))]), kind: .groupOfEndpoints)
        XCTAssertEqual(dated.restHash, endpoint("h").restHash, "the WEB-API's date is no difference")
        XCTAssertNotEqual(endpoint("h", production: "0").restHash, endpoint("h").restHash)
    }
}
