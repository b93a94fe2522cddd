/// Orders strings by their UTF-8 bytes (= Unicode code point order, as
/// Python sorts), independent of locale and of Swift's grapheme rules.
package enum ByteOrder {
    package static func less(_ a: String, _ b: String) -> Bool {
        compare(a, b) < 0
    }

    package static func compare(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                // A plain loop rather than libc's memcmp: the model links no C library.
                for index in 0..<min(x.count, y.count) where x[index] != y[index] {
                    return Int(x[index]) - Int(y[index])
                }
                return x.count - y.count
            }
        }
    }

    /// Lexicographic order of several keys.
    package static func less(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) {
            let order = compare(x, y)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }
}
