/// A parsed schema together with its JSON text (written into container
/// files as `avro.schema`).
package struct AvroSchemaDocument: Sendable {
    package let schema: AvroSchema
    package let json: String

    package init(parsing text: String) throws {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch let error as FormatError where error.format == .json {
            throw FormatError(.avroSchema, error.description)
        }
        try self.init(json: value)
    }

    init(json value: JSONValue) throws {
        var parser = AvroSchemaParser()
        schema = try parser.parse(value, namespace: nil, path: "schema")
        json = JSONWriter.serialize(value)
    }
}

struct AvroSchemaParser {
    private var namedTypes: [String: AvroSchema] = [:]
    private static let primitives: [String: AvroSchema] = [
        "null": .null, "boolean": .boolean, "int": .int, "long": .long,
        "float": .float, "double": .double, "bytes": .bytes, "string": .string,
    ]

    mutating func parse(_ json: JSONValue, namespace: String?, path: String) throws -> AvroSchema {
        switch json {
        case .string(let name):
            return try resolve(name, namespace: namespace, path: path)
        case .array(let branches):
            return try parseUnion(branches, namespace: namespace, path: path)
        case .object:
            return try parseComplex(json, namespace: namespace, path: path)
        default:
            throw FormatError(.avroSchema, "\(path): expected a type name, object or union, found \(json.typeName)")
        }
    }

    private func resolve(_ name: String, namespace: String?, path: String) throws -> AvroSchema {
        if let primitive = Self.primitives[name] { return primitive }
        let candidates = name.contains(".") ? [name] : [namespace.map { "\($0).\(name)" }, name].compactMap { $0 }
        for candidate in candidates {
            if let found = namedTypes[candidate] { return found }
        }
        throw FormatError(.avroSchema, "\(path): unknown type '\(name)'")
    }

    private mutating func parseUnion(_ branches: [JSONValue], namespace: String?, path: String) throws -> AvroSchema {
        var parsed: [AvroSchema] = []
        var seen = Set<String>()
        for (index, branch) in branches.enumerated() {
            let schema = try parse(branch, namespace: namespace, path: "\(path)[\(index)]")
            if case .union = schema {
                throw FormatError(.avroSchema, "\(path)[\(index)]: unions may not contain unions")
            }
            guard seen.insert(schema.typeName).inserted else {
                throw FormatError(.avroSchema, "\(path)[\(index)]: duplicate union branch '\(schema.typeName)'")
            }
            parsed.append(schema)
        }
        if parsed.isEmpty { throw FormatError(.avroSchema, "\(path): empty union") }
        return .union(parsed)
    }

    private mutating func parseComplex(_ json: JSONValue, namespace: String?, path: String) throws -> AvroSchema {
        guard let type = json["type"] else { throw FormatError(.avroSchema, "\(path): missing \"type\"") }
        guard case .string(let typeName) = type else {
            return try parse(type, namespace: namespace, path: "\(path).type")
        }
        switch typeName {
        case "record", "error": return try parseRecord(json, namespace: namespace, path: path)
        case "enum": return try parseEnum(json, namespace: namespace, path: path)
        case "fixed": return try parseFixed(json, namespace: namespace, path: path)
        case "array":
            guard let items = json["items"] else { throw FormatError(.avroSchema, "\(path): array without \"items\"") }
            return .array(try parse(items, namespace: namespace, path: "\(path).items"))
        case "map":
            guard let values = json["values"] else { throw FormatError(.avroSchema, "\(path): map without \"values\"") }
            return .map(try parse(values, namespace: namespace, path: "\(path).values"))
        default:
            return try resolve(typeName, namespace: namespace, path: path)
        }
    }

    private func names(_ json: JSONValue, enclosing: String?, path: String) throws -> (String, String?) {
        guard let name = json["name"]?.stringValue, !name.isEmpty else {
            throw FormatError(.avroSchema, "\(path): named type without a \"name\"")
        }
        let explicitNamespace = json["namespace"]?.stringValue
        if let dot = name.lastIndex(of: ".") {
            return (String(name[name.index(after: dot)...]), String(name[..<dot]))
        }
        let namespace = explicitNamespace ?? enclosing
        try Self.checkName(name, path: path)
        return (name, namespace?.isEmpty == true ? nil : namespace)
    }

    private static func checkName(_ name: String, path: String) throws {
        let valid = name.unicodeScalars.enumerated().allSatisfy { index, scalar in
            scalar == "_" || (scalar.isASCII && (scalar.properties.isAlphabetic || (index > 0 && ("0"..."9").contains(scalar))))
        }
        if !valid { throw FormatError(.avroSchema, "\(path): invalid name '\(name)'") }
    }

    private mutating func register(_ fullName: String, _ schema: AvroSchema, path: String) throws {
        if Self.primitives[fullName] != nil || namedTypes[fullName] != nil {
            throw FormatError(.avroSchema, "\(path): type '\(fullName)' is defined twice")
        }
        namedTypes[fullName] = schema
    }

    private mutating func parseRecord(_ json: JSONValue, namespace: String?, path: String) throws -> AvroSchema {
        let (name, ns) = try names(json, enclosing: namespace, path: path)
        let record = AvroRecordSchema(name: name, namespace: ns)
        try register(record.fullName, .record(record), path: path)
        guard case .array(let fieldList)? = json["fields"] else {
            throw FormatError(.avroSchema, "\(path): record '\(name)' needs a \"fields\" array")
        }
        var seen = Set<String>()
        for (index, fieldJSON) in fieldList.enumerated() {
            let fieldPath = "\(path).fields[\(index)]"
            guard let fieldName = fieldJSON["name"]?.stringValue else {
                throw FormatError(.avroSchema, "\(fieldPath): field without a \"name\"")
            }
            try Self.checkName(fieldName, path: fieldPath)
            guard seen.insert(fieldName).inserted else {
                throw FormatError(.avroSchema, "\(fieldPath): duplicate field '\(fieldName)'")
            }
            guard let fieldType = fieldJSON["type"] else {
                throw FormatError(.avroSchema, "\(fieldPath): field '\(fieldName)' without a \"type\"")
            }
            let schema = try parse(fieldType, namespace: ns, path: "\(path).\(fieldName)")
            record.fields.append(AvroField(name: fieldName, schema: schema, defaultValue: fieldJSON["default"]))
        }
        return .record(record)
    }

    private mutating func parseEnum(_ json: JSONValue, namespace: String?, path: String) throws -> AvroSchema {
        let (name, ns) = try names(json, enclosing: namespace, path: path)
        guard case .array(let symbolList)? = json["symbols"] else {
            throw FormatError(.avroSchema, "\(path): enum '\(name)' needs a \"symbols\" array")
        }
        let symbols = try symbolList.map { symbol -> String in
            guard let text = symbol.stringValue else { throw FormatError(.avroSchema, "\(path): enum symbols must be strings") }
            try Self.checkName(text, path: path)
            return text
        }
        if Set(symbols).count != symbols.count { throw FormatError(.avroSchema, "\(path): duplicate enum symbol") }
        let schema = AvroSchema.enumeration(AvroEnumSchema(name: name, namespace: ns, symbols: symbols))
        try register(schema.typeName, schema, path: path)
        return schema
    }

    private mutating func parseFixed(_ json: JSONValue, namespace: String?, path: String) throws -> AvroSchema {
        let (name, ns) = try names(json, enclosing: namespace, path: path)
        guard case .number(let sizeText)? = json["size"], let size = Int(sizeText), size >= 0 else {
            throw FormatError(.avroSchema, "\(path): fixed '\(name)' needs a non-negative integer \"size\"")
        }
        let schema = AvroSchema.fixed(AvroFixedSchema(name: name, namespace: ns, size: size))
        try register(schema.typeName, schema, path: path)
        return schema
    }
}
