import ArgoModel
import ArgoSystem

/// Turns the XML event stream of a GOCDB PI response into entities, handed
/// to `onEntity` as each closes. One scratch entity is reused throughout:
/// nothing but the open entity is held, and an element costs no more than
/// the text of the fields kept from it.
/// Not generic, so that no event pays for generic metadata; the kind of
/// entity is fixed at `init`.
final class GocdbEntityReader: XMLEventHandler {
    /// Fields are their `GocdbField` raw values.
    private enum Capture { case none, field(Int), nestedField(Int), scope, nestedScope, count, detail(Detail) }
    /// Texts inside EXTENSIONS/EXTENSION and ENDPOINTS/ENDPOINT.
    private enum Detail { case key, value, url, monitored }

    /// Longest text kept for one field; GOCDB's longest are URLs and DNs.
    static let maxFieldBytes = FieldLimit.maxBytes

    private var names: XMLNameTable
    private let entityID: Int, nestedID: Int, scopesID: Int, scopeID: Int, metaID: Int, linkID: Int, countID: Int
    /// EXTENSIONS, EXTENSION, KEY, VALUE, ENDPOINTS, ENDPOINT, URL, ENDPOINT_MONITORED; -2 (no name) unless the kind reads details.
    private let extensionsID: Int, extensionID: Int, keyID: Int, valueID: Int
    private let endpointsID: Int, endpointID: Int, urlID: Int, endpointMonitoredID: Int
    /// The field (raw value) each name id is, for the entity and for a nested endpoint; -1 for none.
    private let entityFields: [Int], nestedFields: [Int]
    private let onEntity: (GocdbRawEntity) -> Void

    private var depth = 0
    private var entityDepth = 0
    private var nestedDepth = 0
    private var scopesDepth = 0
    /// The open EXTENSIONS or ENDPOINTS block (of the entity or of its nested endpoint).
    private var extensionsDepth = 0
    private var endpointsDepth = 0
    private var pendingExtension: (key: String?, value: String?) = (nil, nil)
    private var pendingURL = GocdbRawEntity.EndpointURL()
    private var inMeta = false
    private var capture = Capture.none
    private var text: [UInt8] = []
    private var entity: GocdbRawEntity
    private var nested: GocdbRawEntity
    private(set) var page = GocdbPageInfo()
    private(set) var rootElement: String?
    /// Entities the document held (before any filtering).
    private(set) var entitiesRead = 0
    /// In paged mode, the cursors already fetched: the page must then say
    /// how many entities it holds, hold that many, and (unless it is the
    /// last, with count 0) point to a cursor not fetched yet.
    var pagingCursorsSeen: Set<String>?

    /// Reads entities of `Field`'s kind and hands each to `onEntity`.
    convenience init<Field: GocdbField>(_ kind: Field.Type, onEntity: @escaping (GocdbEntity<Field>) -> Void) {
        self.init(rawEntitiesOf: kind) { onEntity(GocdbEntity($0)) }
    }

    init<Field: GocdbField>(rawEntitiesOf kind: Field.Type, onRawEntity: @escaping (GocdbRawEntity) -> Void) {
        let nestedElement = Field.nestsEndpoints ? Field.NestedField.entityElement : ""
        let fixed = [Field.entityElement, nestedElement, "SCOPES", "SCOPE", "meta", "link", "count"]
        let details = ["EXTENSIONS", "EXTENSION", "KEY", "VALUE", "ENDPOINTS", "ENDPOINT", "URL", "ENDPOINT_MONITORED"]
        let nestedNames = Field.nestsEndpoints ? Field.NestedField.allCases.map(\.element) : []
        let all = fixed + (Field.readsDetails ? details : []) + Field.allCases.map(\.element) + nestedNames
        names = XMLNameTable(all)
        (entityID, nestedID, scopesID, scopeID, metaID, linkID, countID) = (0, Field.nestsEndpoints ? 1 : -2, 2, 3, 4, 5, 6)
        let detailID = { (offset: Int) in Field.readsDetails ? fixed.count + offset : -2 }
        (extensionsID, extensionID, keyID, valueID) = (detailID(0), detailID(1), detailID(2), detailID(3))
        (endpointsID, endpointID, urlID, endpointMonitoredID) = (detailID(4), detailID(5), detailID(6), detailID(7))
        let firstID = { (name: String) in all.firstIndex(of: name)! }
        entityFields = all.indices.map { id in Field.allCases.first { firstID($0.element) == id }?.rawValue ?? -1 }
        nestedFields = all.indices.map { id in
            Field.nestsEndpoints ? Field.NestedField.allCases.first { firstID($0.element) == id }?.rawValue ?? -1 : -1
        }
        entity = GocdbRawEntity(fieldCount: Field.allCases.count)
        nested = GocdbRawEntity(fieldCount: Field.NestedField.allCases.count)
        onEntity = onRawEntity
    }

    func startElement(_ name: UnsafePointer<UInt8>, attributes: XMLAttributes) throws {
        depth += 1
        capture = .none
        if depth == 1 {
            rootElement = String(cString: name)
            return
        }
        let id = names.id(of: name)
        if extensionsDepth > 0 || endpointsDepth > 0 {
            startDetail(id)
        } else if nestedDepth > 0 {
            if depth == nestedDepth + 1 {
                if id >= 0, nestedFields[id] >= 0 {
                    begin(.nestedField(nestedFields[id]))
                } else if id == scopesID {
                    scopesDepth = depth
                } else {
                    openDetails(id)
                }
            } else if depth == scopesDepth + 1, id == scopeID {
                begin(.nestedScope)
            }
        } else if entityDepth > 0 {
            if depth == entityDepth + 1 {
                if id >= 0, entityFields[id] >= 0 {
                    begin(.field(entityFields[id]))
                } else if id == scopesID {
                    scopesDepth = depth
                } else if id == extensionsID || id == endpointsID {
                    openDetails(id)
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

    /// An EXTENSIONS or ENDPOINTS child of the entity or nested endpoint opens.
    private func openDetails(_ id: Int) {
        if id == extensionsID { extensionsDepth = depth } else if id == endpointsID { endpointsDepth = depth }
    }

    /// Inside EXTENSIONS: EXTENSION > KEY, VALUE; inside ENDPOINTS: ENDPOINT > URL, ENDPOINT_MONITORED.
    private func startDetail(_ id: Int) {
        if extensionsDepth > 0 {
            if depth == extensionsDepth + 1, id == extensionID {
                pendingExtension = (nil, nil)
            } else if depth == extensionsDepth + 2 {
                if id == keyID { begin(.detail(.key)) } else if id == valueID { begin(.detail(.value)) }
            }
        } else if depth == endpointsDepth + 1, id == endpointID {
            pendingURL = GocdbRawEntity.EndpointURL()
        } else if depth == endpointsDepth + 2 {
            if id == urlID { begin(.detail(.url)) } else if id == endpointMonitoredID { begin(.detail(.monitored)) }
        }
    }

    private func begin(_ what: Capture) {
        capture = what
        text.removeAll(keepingCapacity: true)
    }

    /// A field over the limit stops the parse (and so the download) at once.
    func characters(_ chunk: UnsafeBufferPointer<UInt8>) throws {
        if case .none = capture { return }
        guard text.count + chunk.count <= Self.maxFieldBytes else {
            throw FormatError(.xml, "a field's text is longer than \(Self.maxFieldBytes) bytes")
        }
        text.append(contentsOf: chunk)
    }

    func endElement(_ name: UnsafePointer<UInt8>) throws {
        defer { depth -= 1 }
        finishCapture()
        if extensionsDepth > 0 || endpointsDepth > 0 {
            endDetail()
        } else if depth == scopesDepth {
            scopesDepth = 0
        } else if depth == nestedDepth {
            entity.endpoints.append(nested)
            nestedDepth = 0
        } else if depth == entityDepth {
            entitiesRead += 1
            onEntity(entity)
            entityDepth = 0
        } else if depth == 2, inMeta {
            inMeta = false
        }
    }

    /// An EXTENSION with a key and a value, or an ENDPOINT, joins the entity (or its nested endpoint).
    private func endDetail() {
        if depth == extensionsDepth || depth == endpointsDepth {
            (extensionsDepth, endpointsDepth) = (0, 0)
        } else if extensionsDepth > 0, depth == extensionsDepth + 1 {
            // As 2.3.1: both non-empty, or the extension is left out.
            guard let key = pendingExtension.key, let value = pendingExtension.value, !key.isEmpty, !value.isEmpty else { return }
            if nestedDepth > 0 { nested.extensions.append((key, value)) } else { entity.extensions.append((key, value)) }
        } else if endpointsDepth > 0, depth == endpointsDepth + 1 {
            if nestedDepth > 0 { nested.endpointURLs.append(pendingURL) } else { entity.endpointURLs.append(pendingURL) }
        }
    }

    func endDocument() throws {
        guard let seen = pagingCursorsSeen else { return }
        guard let count = page.count else {
            throw BodyProblem("a page without <meta><count>: the paging would end early", worthAnotherAttempt: true)
        }
        guard count == entitiesRead else {
            throw BodyProblem("the page says <count>\(count)</count> but holds \(entitiesRead) entities", worthAnotherAttempt: true)
        }
        guard count > 0 else { return }
        guard let next = page.nextHref.flatMap(GocdbClient.nextCursor) else {
            throw BodyProblem("a page of \(count) entities without a next link", worthAnotherAttempt: true)
        }
        if seen.contains(next) {
            throw BodyProblem("the next page, next_cursor=\(next), was fetched already", worthAnotherAttempt: true)
        }
    }

    private func finishCapture() {
        let captured = capture
        capture = .none
        switch captured {
        case .none: return
        case .field(let index): entity.values[index] = trimmedText()
        case .nestedField(let index): nested.values[index] = trimmedText()
        case .scope: appendScope(to: &entity.scopes)
        case .nestedScope: appendScope(to: &nested.scopes)
        case .count: page.count = Int(trimmedText())
        case .detail(.key): pendingExtension.key = trimmedText()
        case .detail(.value): pendingExtension.value = trimmedText()
        case .detail(.url): pendingURL.url = trimmedText()
        case .detail(.monitored): pendingURL.monitored = trimmedText()
        }
    }

    private func appendScope(to scopes: inout [String]) {
        let scope = trimmedText()
        if !scope.isEmpty { scopes.append(scope) }
    }

    private func trimmedText() -> String {
        var start = 0, end = text.count
        while start < end, Self.isSpace(text[start]) { start += 1 }
        while end > start, Self.isSpace(text[end - 1]) { end -= 1 }
        return text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
}
