import ArgoModel
import CLibXML2

/// An element's attributes, read only when asked for.
package struct XMLAttributes {
    let count: Int
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    package func value(of name: String) -> String? {
        guard let base else { return nil }
        for index in 0..<count {
            guard let attributeName = base[index * 5], String(cString: attributeName) == name else { continue }
            return Self.decode(start: base[index * 5 + 3], end: base[index * 5 + 4])
        }
        return nil
    }

    package var all: [(String, String)] {
        guard let base else { return [] }
        return (0..<count).compactMap { index in
            guard let name = base[index * 5], let value = Self.decode(start: base[index * 5 + 3], end: base[index * 5 + 4]) else { return nil }
            return (String(cString: name), value)
        }
    }

    private static func decode(start: UnsafePointer<xmlChar>?, end: UnsafePointer<xmlChar>?) -> String? {
        guard let start, let end else { return nil }
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        let value = String(decoding: bytes, as: UTF8.self)
        // Without entity replacement libxml2 hands '&' back as "&#38;" (so a
        // tree could re-serialise it); a byte scan keeps the common case cheap.
        return bytes.contains(UInt8(ascii: "&")) ? value.replacing("&#38;", with: "&") : value
    }
}
