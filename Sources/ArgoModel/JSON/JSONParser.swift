/// A step of a path into a document, for `JSONParser.parse(_:handingOver:to:)`.
package enum JSONPathStep: Equatable, Sendable {
    /// Any element of an array.
    case anyElement
    /// The member of an object with this name.
    case member(String)
}

/// A strict RFC 8259 parser over UTF-8 bytes with a nesting limit, so that
/// hostile documents fail with an error instead of exhausting the stack.
package struct JSONParser {
    static let defaultMaxDepth = 128

    private let bytes: [UInt8]
    private var index = 0
    private let maxDepth: Int
    /// Where values are handed over rather than kept (see `parse(_:handingOver:to:)`).
    private var patterns: [[JSONPathStep]] = [] {
        didSet { deepestPattern = patterns.map(\.count).max() ?? 0 }
    }
    /// Below this depth no pattern can match: values are kept without tracking their path.
    private var deepestPattern = 0
    private var visit: ((Int, JSONValue, [Int]) throws -> Void)?
    /// The path to the value being parsed (array index, or member name), kept only while patterns are given.
    private var path: [(index: Int, key: String?)] = []

    package static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index != bytes.count { throw parser.error("unexpected data after the document") }
        return value
    }

    /// Parses `bytes`, handing each value found at one of `patterns` to
    /// `visit` (with the pattern's number and the array indices on its path)
    /// as soon as it is complete, instead of keeping it: the returned
    /// document holds those arrays empty. A feed of a hundred thousand
    /// entries is read holding one entry, not a tree of them all.
    package static func parse(_ bytes: [UInt8], handingOver patterns: [[JSONPathStep]],
                              to visit: (_ pattern: Int, _ value: JSONValue, _ indices: [Int]) throws -> Void) throws -> JSONValue {
        try withoutActuallyEscaping(visit) { visit in
            var parser = JSONParser(bytes: bytes, maxDepth: defaultMaxDepth)
            parser.patterns = patterns
            parser.visit = visit
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            if parser.index != bytes.count { throw parser.error("unexpected data after the document") }
            return value
        }
    }

    /// The pattern the current path matches, if any.
    private func matchingPattern() -> Int? {
        patterns.firstIndex { pattern in
            pattern.count == path.count && zip(pattern, path).allSatisfy { step, item in
                switch step {
                case .anyElement: return item.key == nil
                case .member(let name): return item.key == name
                }
            }
        }
    }

    /// Hands `value` over when its path matches a pattern; true when it was.
    private func handedOver(_ value: JSONValue) throws -> Bool {
        guard let visit, let pattern = matchingPattern() else { return false }
        try visit(pattern, value, path.compactMap { $0.key == nil ? $0.index : nil })
        return true
    }

    package static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    private func error(_ message: String) -> FormatError {
        FormatError(.json, message, at: "byte \(index)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func parseValue(depth: Int) throws -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of document") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character")
        }
    }

    private mutating func expectLiteral(_ word: String) throws {
        for byte in word.utf8 {
            guard index < bytes.count, bytes[index] == byte else { throw error("expected \(word)") }
            index += 1
        }
    }

    private mutating func parseObject(depth: Int) throws -> JSONValue {
        if depth > maxDepth { throw error("nesting deeper than \(maxDepth)") }
        index += 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            if path.count >= deepestPattern {
                members.append((key, try parseValue(depth: depth)))
            } else {
                path.append((0, key))
                let value = try parseValue(depth: depth)
                if try !handedOver(value) { members.append((key, value)) }
                path.removeLast()
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of document") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func parseArray(depth: Int) throws -> JSONValue {
        if depth > maxDepth { throw error("nesting deeper than \(maxDepth)") }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        var position = 0
        while true {
            skipWhitespace()
            if path.count >= deepestPattern {
                items.append(try parseValue(depth: depth))
            } else {
                path.append((position, nil))
                let value = try parseValue(depth: depth)
                if try !handedOver(value) { items.append(value) }
                path.removeLast()
            }
            position += 1
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of document") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func parseNumber() throws -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") { index += 1 } else { skipDigits() }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
            skipDigits()
        }
        if index - start > 4096 { throw error("number literal longer than 4096 characters") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private mutating func parseString() throws -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw error("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; break }
            if byte < 0x20 { throw error("control character in string") }
            if byte == UInt8(ascii: "\\") {
                index += 1
                try appendEscape(into: &out)
            } else {
                out.append(byte)
                index += 1
            }
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw error("invalid UTF-8 in string") }
        return text
    }

    private mutating func appendEscape(into out: inout [UInt8]) throws {
        guard index < bytes.count else { throw error("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw error("unpaired surrogate") }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("unpaired surrogate")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid escape") }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        default: throw error("invalid escape")
        }
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = hexDigit(bytes[index]) else { throw error("invalid \\u escape") }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }
}
