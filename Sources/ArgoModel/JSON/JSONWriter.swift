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
        var out = ""
        writeIndented(value, level: 0, indent: indent, into: &out)
        return out
    }

    /// `value` as `indented` writes it at `level` of nesting (the first
    /// line not indented), for writing a long array one element at a time.
    package static func appendIndented(_ value: JSONValue, level: Int, indent: Int = 4, into out: inout String) {
        writeIndented(value, level: level, indent: indent, into: &out)
    }

    private static func writeIndented(_ value: JSONValue, level: Int, indent: Int, into out: inout String) {
        let inner = String(repeating: " ", count: (level + 1) * indent), outer = String(repeating: " ", count: level * indent)
        switch value {
        case .array(let items) where !items.isEmpty:
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += inner
                writeIndented(item, level: level + 1, indent: indent, into: &out)
                out += index + 1 < items.count ? ",\n" : "\n"
            }
            out += outer + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            for (index, (key, item)) in members.enumerated() {
                out += inner
                appendQuoted(key, asciiOnly: true, into: &out)
                out += ": "
                writeIndented(item, level: level + 1, indent: indent, into: &out)
                out += index + 1 < members.count ? ",\n" : "\n"
            }
            out += outer + "}"
        case .string(let text):
            appendQuoted(text, asciiOnly: true, into: &out)
        default:
            write(value, into: &out)
        }
    }

    /// A JSON string. Compact output escapes only what keeps one record on
    /// one line for every tool: C0/C1 controls and line separators. With
    /// `asciiOnly` it is Python's `ensure_ascii` quoting: `\b` and `\f` too,
    /// and every other control and non-ASCII character as `\uXXXX` (UTF-16,
    /// so beyond the BMP as a surrogate pair).
    package static func appendQuoted(_ text: String, asciiOnly: Bool = false, into out: inout String) {
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
