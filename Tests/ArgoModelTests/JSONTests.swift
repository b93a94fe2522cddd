import XCTest
@testable import ArgoModel
@testable import ArgoTestSupport

final class JSONTests: XCTestCase {
    func testNumbersKeepTheirLiteralText() throws {
        let value = try JSONParser.parse(#"{"ComputationPower": 30414.559999999998, "n": -0.5e10, "i": 12}"#)
        XCTAssertEqual(value["ComputationPower"], .number("30414.559999999998"))
        XCTAssertEqual(value["n"], .number("-0.5e10"))
        XCTAssertEqual(value["i"], .number("12"))
    }

    func testStringsEscapesAndUnicode() throws {
        let value = try JSONParser.parse(#"["a\"b\\c\/d\n", "\u00e9\ud83d\ude00", "žluť"]"#)
        XCTAssertEqual(value, .array([.string("a\"b\\c/d\n"), .string("é😀"), .string("žluť")]))
        XCTAssertEqual(JSONWriter.serialize(.string("a\"b\n\u{01}")), #""a\"b\n\u0001""#)
    }

    func testSerializesLikePythonJsonDumps() {
        let value = JSONValue.object([("a", .number("1")), ("b", .array([.bool(true), .null])), ("c", .object([]))])
        XCTAssertEqual(JSONWriter.serialize(value), #"{"a": 1, "b": [true, null], "c": {}}"#)
    }

    func testRejectsMalformedDocumentsWithOffsets() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "tru", "\"abc", "[1] x", "{\"a\":1,}", "\"\\x\"", "\"\\ud800\""] {
            XCTAssertThrowsError(try JSONParser.parse(text), "should reject \(text)") { error in
                XCTAssertTrue((error as? FormatError)?.format == .json, "\(error)")
            }
        }
    }

    func testNestingIsBounded() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(deep)) { error in
            XCTAssertTrue("\(error)".contains("nesting deeper than"))
        }
        XCTAssertNoThrow(try JSONParser.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)))
    }

    func testInvalidUTF8IsAnError() {
        let bytes: [UInt8] = Array("[\"a".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
        XCTAssertThrowsError(try JSONParser.parse(bytes)) { error in
            XCTAssertTrue("\(error)".contains("UTF-8"))
        }
    }
}
