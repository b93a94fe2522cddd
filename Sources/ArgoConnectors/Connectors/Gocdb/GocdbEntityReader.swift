/// Which child elements of a GOCDB entity (SITE, SERVICE_ENDPOINT, ...) to
/// keep, and which entity may nest inside it.
struct GocdbEntityShape {
    let element: String
    let fields: [String]
    let nested: [GocdbEntityShape]

    init(element: String, fields: [String], nested: [GocdbEntityShape] = []) {
        self.element = element
        self.fields = fields
        self.nested = nested
    }

    func fieldIndex(_ name: String) -> Int? { fields.firstIndex(of: name) }
}

/// One entity as read: its attributes, the text of the wanted child
/// elements (indexed like the shape's fields), its SCOPES and nested entities.
struct GocdbEntity {
    var attributes: [(String, String)]
    var fields: [String?]
    var scopes: [String] = []
    var children: [GocdbEntity] = []

    func attribute(_ name: String) -> String? { attributes.first { $0.0 == name }?.1 }
}

/// GOCDB's paging block: `<meta><link rel="next" href=".."/><count>N</count></meta>`.
struct GocdbPageInfo {
    var nextHref: String?
    var count: Int?
}

/// Turns the XML event stream of a GOCDB PI response into entities, handed
/// out one by one as each closes: nothing but the open entity is held.
final class GocdbEntityReader: XmlEventHandler {
    private struct Frame {
        let shape: GocdbEntityShape
        let depth: Int
        var entity: GocdbEntity
        var scopesDepth: Int?
    }

    private enum Capture { case none, field(Int), scope, count }

    private let shape: GocdbEntityShape
    private let onEntity: (GocdbEntity) -> Void
    private var depth = 0
    private var stack: [Frame] = []
    private var capture = Capture.none
    private var text: [UInt8] = []
    private var inMeta = false
    private(set) var page = GocdbPageInfo()
    private(set) var rootElement: String?

    init(shape: GocdbEntityShape, onEntity: @escaping (GocdbEntity) -> Void) {
        self.shape = shape
        self.onEntity = onEntity
    }

    func startElement(_ name: String, attributes: [(String, String)]) {
        depth += 1
        capture = .none
        if depth == 1 { rootElement = name; return }
        guard var frame = stack.last else {
            startOutsideEntity(name, attributes: attributes)
            return
        }
        if depth == frame.depth + 1 {
            if let index = frame.shape.fieldIndex(name) {
                begin(.field(index))
            } else if name == "SCOPES" {
                frame.scopesDepth = depth
                stack[stack.count - 1] = frame
            } else if let nested = frame.shape.nested.first(where: { $0.element == name }) {
                push(nested, attributes: attributes)
            }
        } else if depth == (frame.scopesDepth ?? -2) + 1, name == "SCOPE" {
            begin(.scope)
        }
    }

    private func startOutsideEntity(_ name: String, attributes: [(String, String)]) {
        if depth == 2 && name == shape.element {
            push(shape, attributes: attributes)
        } else if depth == 2 && name == "meta" {
            inMeta = true
        } else if inMeta && depth == 3 {
            if name == "link", attributes.contains(where: { $0 == ("rel", "next") }) {
                page.nextHref = attributes.first { $0.0 == "href" }?.1
            } else if name == "count" {
                begin(.count)
            }
        }
    }

    private func begin(_ what: Capture) {
        capture = what
        text.removeAll(keepingCapacity: true)
    }

    private func push(_ shape: GocdbEntityShape, attributes: [(String, String)]) {
        let entity = GocdbEntity(attributes: attributes, fields: Array(repeating: nil, count: shape.fields.count))
        stack.append(Frame(shape: shape, depth: depth, entity: entity))
    }

    func characters(_ chunk: UnsafeBufferPointer<UInt8>) {
        if case .none = capture { return }
        text.append(contentsOf: chunk)
    }

    func endElement(_ name: String) {
        defer { depth -= 1 }
        finishCapture()
        if depth == 2 && inMeta { inMeta = false }
        guard let frame = stack.last else { return }
        if depth == frame.depth {
            stack.removeLast()
            if stack.isEmpty {
                onEntity(frame.entity)
            } else {
                stack[stack.count - 1].entity.children.append(frame.entity)
            }
        } else if depth == frame.scopesDepth {
            stack[stack.count - 1].scopesDepth = nil
        }
    }

    private func finishCapture() {
        let captured = capture
        capture = .none
        switch captured {
        case .none: return
        case .field(let index):
            stack[stack.count - 1].entity.fields[index] = trimmedText()
        case .scope:
            let scope = trimmedText()
            if !scope.isEmpty { stack[stack.count - 1].entity.scopes.append(scope) }
        case .count:
            page.count = Int(trimmedText())
        }
    }

    private func trimmedText() -> String {
        var slice = text[...]
        while let first = slice.first, first == 0x20 || first == 0x0A || first == 0x09 || first == 0x0D { slice.removeFirst() }
        while let last = slice.last, last == 0x20 || last == 0x0A || last == 0x09 || last == 0x0D { slice.removeLast() }
        return String(decoding: slice, as: UTF8.self)
    }
}
