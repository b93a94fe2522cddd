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
