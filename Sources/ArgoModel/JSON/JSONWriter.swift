/// Serialises JSON compactly (`{"a": 1, "b": [2, 3]}` style spacing, as
/// Python's json.dumps does, so output reads like the original tools').
package enum JSONWriter {
    package static func serialize(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    package static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): appendQuoted(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                write(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, item)) in members.enumerated() {
                if i > 0 { out += ", " }
                appendQuoted(key, into: &out)
                out += ": "
                write(item, into: &out)
            }
            out += "}"
        }
    }

    /// As Python's `json.dumps(value, indent=4)`, which argo-connectors 2.3.1
    /// writes its files with: one member or element per line, indented by
    /// four spaces per level, `": "` after keys, non-ASCII escaped as
    /// `\uXXXX` (`ensure_ascii`), no newline at the end.
    package static func indented(_ value: JSONValue, indent: Int = 4) -> String {
        var out: [UInt8] = []
        appendIndented(value, level: 0, indent: indent, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` as `indented` writes it at `level` of nesting (the first
    /// line not indented), in bytes: a long array is written one element
    /// at a time, and the hundred thousand strings of a topology are copied,
    /// not re-encoded, when they need no escape.
    package static func appendIndented(_ value: JSONValue, level: Int, indent: Int = 4, into out: inout [UInt8]) {
        switch value {
        case .array(let items) where !items.isEmpty:
            appendIndentedArray(count: items.count, level: level, indent: indent, into: &out) {
                appendIndented(items[$0], level: level + 1, indent: indent, into: &$1)
            }
        case .object(let members) where !members.isEmpty:
            out.append(UInt8(ascii: "{"))
            for (index, (key, item)) in members.enumerated() {
                appendLineBreak(indenting: (level + 1) * indent, into: &out)
                appendASCIIQuoted(key, into: &out)
                out.append(UInt8(ascii: ":"))
                out.append(UInt8(ascii: " "))
                appendIndented(item, level: level + 1, indent: indent, into: &out)
                if index + 1 < members.count { out.append(UInt8(ascii: ",")) }
            }
            appendLineBreak(indenting: level * indent, into: &out)
            out.append(UInt8(ascii: "}"))
        case .string(let text):
            appendASCIIQuoted(text, into: &out)
        default:
            out.append(contentsOf: serialize(value).utf8)
        }
    }

    /// An array of `count` elements that `element` writes, as `appendIndented`
    /// writes an array at `level`.
    private static func appendIndentedArray(count: Int, level: Int, indent: Int = 4, into out: inout [UInt8],
                                            element: (Int, inout [UInt8]) -> Void) {
        guard count > 0 else { return out.append(contentsOf: "[]".utf8) }
        out.append(UInt8(ascii: "["))
        for index in 0..<count {
            appendLineBreak(indenting: (level + 1) * indent, into: &out)
            element(index, &out)
            if index + 1 < count { out.append(UInt8(ascii: ",")) }
        }
        appendLineBreak(indenting: level * indent, into: &out)
        out.append(UInt8(ascii: "]"))
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// A line end, then `width` spaces.
    package static func appendLineBreak(indenting width: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        var left = width
        while left > 0 {
            let run = min(left, spaces.count)
            out.append(contentsOf: spaces[0..<run])
            left -= run
        }
    }

    /// `appendQuoted(asciiOnly: true)` in bytes; text of printable ASCII
    /// without `"` or `\` (nearly all) is copied as it is.
    package static func appendASCIIQuoted(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendASCIIQuoted(bytes: $0, into: &out) }
    }

    /// The same, of UTF-8 bytes.
    package static func appendASCIIQuoted(bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else {
            var quoted = ""
            appendQuoted(String(decoding: bytes, as: UTF8.self), asciiOnly: true, into: &quoted)
            return out.append(contentsOf: quoted.utf8)
        }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: bytes)
        out.append(UInt8(ascii: "\""))
    }

    /// A JSON string. Compact output escapes only what keeps one record on
    /// one line for every tool: C0/C1 controls and line separators. With
    /// `asciiOnly` it is Python's `ensure_ascii` quoting: `\b` and `\f` too,
    /// and every other control and non-ASCII character as `\uXXXX` (UTF-16,
    /// so beyond the BMP as a surrogate pair).
    static func appendQuoted(_ text: String, asciiOnly: Bool = false, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}" where asciiOnly: out += "\\b"
            case "\u{0C}" where asciiOnly: out += "\\f"
            case _ where asciiOnly ? scalar.value < 0x20 || scalar.value > 0x7E : Self.breaksALine(scalar):
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    private static func breaksALine(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
