/// Which child elements of a GOCDB entity (SITE, SERVICE_ENDPOINT, ...) to
/// keep, and which entity may nest inside it (one level, as in
/// SERVICE_GROUP > SERVICE_ENDPOINT).
struct GocdbEntityShape {
    let element: String
    let fields: [String]
    let nested: [GocdbEntityShape]

    init(element: String, fields: [String], nested: [GocdbEntityShape] = []) {
        self.element = element
        self.fields = fields
        self.nested = nested
    }
}

/// One entity as read: its attributes, the text of the wanted child
/// elements (indexed like the shape's fields), its SCOPES and nested entities.
struct GocdbEntity {
    var attributes: [(String, String)] = []
    var fields: [String?]
    var scopes: [String] = []
    var children: [GocdbEntity] = []

    init(fieldCount: Int) {
        fields = Array(repeating: nil, count: fieldCount)
    }

    func attribute(_ name: String) -> String? { attributes.first { $0.0 == name }?.1 }

    /// Empties the entity for reuse, keeping its storage.
    mutating func reset(attributes: [(String, String)]) {
        self.attributes = attributes
        for index in fields.indices { fields[index] = nil }
        scopes.removeAll(keepingCapacity: true)
        children.removeAll(keepingCapacity: true)
    }
}

/// GOCDB's paging block: `<meta><link rel="next" href=".."/><count>N</count></meta>`.
struct GocdbPageInfo {
    var nextHref: String?
    var count: Int?
}

/// Turns the XML event stream of a GOCDB PI response into entities, handed
/// to `onEntity` as each closes. One scratch entity is reused throughout:
/// nothing but the open entity is held, nothing is allocated per element.
final class GocdbEntityReader: XmlEventHandler {
    private enum Capture { case none, field(Int), nestedField(Int), scope, nestedScope, count }

    private var names: XmlNameTable
    private let entityID: Int, nestedID: Int, scopesID: Int, scopeID: Int, metaID: Int, linkID: Int, countID: Int
    /// Field index by name id, for the entity and for the nested entity.
    private let entityFields: [Int], nestedFields: [Int]
    private let onEntity: (GocdbEntity) -> Void

    private var depth = 0
    private var entityDepth = 0
    private var nestedDepth = 0
    private var scopesDepth = 0
    private var inMeta = false
    private var capture = Capture.none
    private var text: [UInt8] = []
    private var entity: GocdbEntity
    private var nested: GocdbEntity
    private(set) var page = GocdbPageInfo()
    private(set) var rootElement: String?

    init(shape: GocdbEntityShape, onEntity: @escaping (GocdbEntity) -> Void) {
        let nestedShape = shape.nested.first
        let fixed = [shape.element, nestedShape?.element ?? "", "SCOPES", "SCOPE", "meta", "link", "count"]
        let all = fixed + shape.fields + (nestedShape?.fields ?? [])
        names = XmlNameTable(all)
        (entityID, nestedID, scopesID, scopeID, metaID, linkID, countID) = (0, nestedShape == nil ? -2 : 1, 2, 3, 4, 5, 6)
        let firstField = { (name: String) in all.firstIndex(of: name)! }
        entityFields = (0..<all.count).map { id in shape.fields.firstIndex { firstField($0) == id } ?? -1 }
        nestedFields = (0..<all.count).map { id in nestedShape?.fields.firstIndex { firstField($0) == id } ?? -1 }
        entity = GocdbEntity(fieldCount: shape.fields.count)
        nested = GocdbEntity(fieldCount: nestedShape?.fields.count ?? 0)
        self.onEntity = onEntity
    }

    func startElement(_ name: UnsafePointer<UInt8>, attributes: XmlAttributes) {
        depth += 1
        capture = .none
        if depth == 1 {
            rootElement = String(cString: name)
            return
        }
        let id = names.id(of: name)
        if nestedDepth > 0 {
            if depth == nestedDepth + 1 {
                if id >= 0, nestedFields[id] >= 0 { begin(.nestedField(nestedFields[id])) } else if id == scopesID { scopesDepth = depth }
            } else if depth == scopesDepth + 1, id == scopeID {
                begin(.nestedScope)
            }
        } else if entityDepth > 0 {
            if depth == entityDepth + 1 {
                if id >= 0, entityFields[id] >= 0 {
                    begin(.field(entityFields[id]))
                } else if id == scopesID {
                    scopesDepth = depth
                } else if id == nestedID {
                    nestedDepth = depth
                    nested.reset(attributes: attributes.all)
                }
            } else if depth == scopesDepth + 1, id == scopeID {
                begin(.scope)
            }
        } else if depth == 2 {
            if id == entityID {
                entityDepth = depth
                entity.reset(attributes: attributes.all)
            } else if id == metaID {
                inMeta = true
            }
        } else if inMeta, depth == 3 {
            if id == linkID, attributes.value(of: "rel") == "next" {
                page.nextHref = attributes.value(of: "href")
            } else if id == countID {
                begin(.count)
            }
        }
    }

    private func begin(_ what: Capture) {
        capture = what
        text.removeAll(keepingCapacity: true)
    }

    /// Longest text kept for one field; GOCDB's longest are URLs and DNs.
    static let maxFieldBytes = 64 * 1024
    private(set) var failure: String?

    func characters(_ chunk: UnsafeBufferPointer<UInt8>) {
        if case .none = capture { return }
        guard text.count + chunk.count <= Self.maxFieldBytes else {
            failure = failure ?? "a field's text is longer than \(Self.maxFieldBytes) bytes"
            capture = .none
            return
        }
        text.append(contentsOf: chunk)
    }

    func endElement(_ name: UnsafePointer<UInt8>) {
        defer { depth -= 1 }
        finishCapture()
        if depth == scopesDepth {
            scopesDepth = 0
        } else if depth == nestedDepth {
            entity.children.append(nested)
            nestedDepth = 0
        } else if depth == entityDepth {
            onEntity(entity)
            entityDepth = 0
        } else if depth == 2, inMeta {
            inMeta = false
        }
    }

    private func finishCapture() {
        let captured = capture
        capture = .none
        switch captured {
        case .none: return
        case .field(let index): entity.fields[index] = trimmedText()
        case .nestedField(let index): nested.fields[index] = trimmedText()
        case .scope: appendScope(to: &entity)
        case .nestedScope: appendScope(to: &nested)
        case .count: page.count = Int(trimmedText())
        }
    }

    private func appendScope(to target: inout GocdbEntity) {
        let scope = trimmedText()
        if !scope.isEmpty { target.scopes.append(scope) }
    }

    private func trimmedText() -> String {
        var start = 0, end = text.count
        while start < end, Self.isSpace(text[start]) { start += 1 }
        while end > start, Self.isSpace(text[end - 1]) { end -= 1 }
        return text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
}
