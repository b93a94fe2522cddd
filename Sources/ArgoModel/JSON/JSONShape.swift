/// Reading a JSON feed of a known shape, with errors saying what was
/// expected where (`[3].site[0].id: expected a string, found number`).
extension FormatError {
    package static func expected(_ what: String, at path: String, found value: JSONValue?) -> FormatError {
        FormatError(.jsonShape, "expected \(what), found \(value?.typeName ?? "nothing")", at: path)
    }
}

extension JSONValue {
    package func array(at path: String) throws -> [JSONValue] {
        guard case .array(let items) = self else { throw FormatError.expected("an array", at: path, found: self) }
        return items
    }

    package func member(_ key: String, at path: String) throws -> JSONValue {
        guard case .object = self else { throw FormatError.expected("an object", at: path, found: self) }
        guard let value = self[key] else { throw FormatError(.jsonShape, "missing \"\(key)\"", at: path) }
        return value
    }

    /// This value as a feed's text field: a string within `FieldLimit`.
    package func text(at path: String) throws -> String {
        guard case .string(let text) = self else { throw FormatError.expected("a string", at: path, found: self) }
        return try FieldLimit.checked(text, at: path)
    }

    /// Member `key` as a feed's text field: a string within `FieldLimit`.
    package func string(_ key: String, at path: String) throws -> String {
        try member(key, at: path).text(at: path.isEmpty ? key : "\(path).\(key)")
    }
}
