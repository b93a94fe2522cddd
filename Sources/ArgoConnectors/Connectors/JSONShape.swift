/// Reading a JSON feed of a known shape, with errors saying what was
/// expected where (`[3].site[0].id: expected a string, found number`).
struct JSONShapeError: Error, CustomStringConvertible {
    let path: String
    let message: String
    var description: String { path.isEmpty ? message : "\(path): \(message)" }

    static func expected(_ what: String, at path: String, found value: JSONValue?) -> JSONShapeError {
        JSONShapeError(path: path, message: "expected \(what), found \(value?.typeName ?? "nothing")")
    }
}

extension JSONValue {
    func array(at path: String) throws -> [JSONValue] {
        guard case .array(let items) = self else { throw JSONShapeError.expected("an array", at: path, found: self) }
        return items
    }

    func member(_ key: String, at path: String) throws -> JSONValue {
        guard case .object = self else { throw JSONShapeError.expected("an object", at: path, found: self) }
        guard let value = self[key] else { throw JSONShapeError(path: path, message: "missing \"\(key)\"") }
        return value
    }

    func string(_ key: String, at path: String) throws -> String {
        let value = try member(key, at: path)
        guard case .string(let text) = value else { throw JSONShapeError.expected("a string", at: "\(path).\(key)", found: value) }
        return text
    }

    /// Parses a feed body, naming the byte offset of a syntax error.
    static func parseFeed(_ bytes: [UInt8]) throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch let error as JSONParseError {
            throw JSONShapeError(path: "", message: error.description)
        }
    }
}
