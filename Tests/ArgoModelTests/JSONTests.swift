import XCTest
import ArgoModel
import ArgoTestSupport

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

    /// The expected text is what Python 3's `json.dumps(value, indent=4)` printed for the same value.
    func testIndentedIsPythonsIndentFourWithEnsureASCII() {
        let value = JSONValue.array([
            .object([("name", .string("caf\u{e9} \u{1F600}")), ("c", .string("\u{7f}\u{08}\u{0c}\u{01}\u{2028}")),
                     ("e", .array([])), ("o", .object([]))]),
            .number("1.5"), .null, .bool(true),
        ])
        let python = #"""
        [
            {
                "name": "caf\u00e9 \ud83d\ude00",
                "c": "\u007f\b\f\u0001\u2028",
                "e": [],
                "o": {}
            },
            1.5,
            null,
            true
        ]
        """#
        XCTAssertEqual(JSONWriter.indented(value), python)
        XCTAssertEqual(JSONWriter.serialize(.string("caf\u{e9}\u{7f}\u{2028}\u{08}")), "\"caf\u{e9}\\u007f\\u2028\\u0008\"", "compact output keeps non-ASCII text")
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
