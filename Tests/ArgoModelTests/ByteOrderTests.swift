import XCTest
import ArgoModel
import ArgoTestSupport

/// Strings in the order of their UTF-8 bytes (Python's order), word-wise and byte-wise alike.
final class ByteOrderTests: XCTestCase {
    func testOrderIsTheOrderOfTheBytes() {
        let words = ["", "a", "ab", "abcdefgh", "abcdefghi", "abcdefgh\u{0}", "abcdefgi", "abcdefgH", "B", "b", "é", "e\u{301}",
                     "ngi_de", "NGI_DE", "ngi_de.site-0001", "ngi_de.site-0002", "ngi_de.site-00010", "z" + String(repeating: "y", count: 40),
                     "z" + String(repeating: "y", count: 39) + "z", "\u{1F600}", "ÿ"]
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<2000 {
            let a = words.randomElement(using: &generator)!, b = words.randomElement(using: &generator)!
            let expected = Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
            XCTAssertEqual(ByteOrder.less(a, b), expected, "\(a) < \(b)")
            XCTAssertEqual(ByteOrder.compare(a, b) == 0, Array(a.utf8) == Array(b.utf8), "\(a) == \(b)")
        }
        XCTAssertTrue(ByteOrder.less(["a", "b"], ["a", "c"]))
        XCTAssertFalse(ByteOrder.less(["a", "c"], ["a", "b"]))
    }
}

/// FNV-1a names lock files and folds endpoint IDs: its values must not move.
final class FNV1aTests: XCTestCase {
    func testKnownValuesAndEveryOverloadAgree() {
        // The reference vectors of FNV-1a, 64 bits (draft-eastlake-fnv).
        XCTAssertEqual(FNV1a.hash(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(FNV1a.hash("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(FNV1a.hash("foobar"), 0x8594_4171_f739_67e8)
        let text = "host.example.org+SRM"
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            XCTAssertEqual(FNV1a.hash(bytes: buffer), FNV1a.hash(text))
            XCTAssertEqual(FNV1a.hash(bytes: buffer[5...]), FNV1a.hash(bytes: bytes.dropFirst(5)))
            XCTAssertEqual(FNV1a.hash("SRM", seed: FNV1a.hash(bytes: buffer[..<17])), FNV1a.hash(text))
        }
    }
}
