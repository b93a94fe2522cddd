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
                // Eight bytes at a time, as big-endian words (so word order is
                // byte order), then byte by byte: libc's memcmp without libc,
                // which the model does not link.
                let common = min(x.count, y.count)
                var index = 0
                let a = UnsafeRawBufferPointer(x), b = UnsafeRawBufferPointer(y)
                while index + 8 <= common {
                    let left = UInt64(bigEndian: a.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    let right = UInt64(bigEndian: b.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    if left != right { return left < right ? -1 : 1 }
                    index += 8
                }
                while index < common {
                    if x[index] != y[index] { return Int(x[index]) - Int(y[index]) }
                    index += 1
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
