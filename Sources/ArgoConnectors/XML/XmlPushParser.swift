import Foundation
import CLibXML2

/// Receives the events of a streamed XML document. Names are libxml2's
/// interned, NUL-terminated local names (resolve them with `XmlNameTable`);
/// text may arrive in several pieces. Nothing is allocated per event.
public protocol XmlEventHandler: AnyObject {
    func startElement(_ name: UnsafePointer<UInt8>, attributes: XmlAttributes)
    func endElement(_ name: UnsafePointer<UInt8>)
    func characters(_ text: UnsafeBufferPointer<UInt8>)
}

/// An element's attributes, read only when asked for.
public struct XmlAttributes {
    let count: Int
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    public func value(of name: String) -> String? {
        guard let base else { return nil }
        for index in 0..<count {
            guard let attributeName = base[index * 5], String(cString: attributeName) == name else { continue }
            return Self.decode(start: base[index * 5 + 3], end: base[index * 5 + 4])
        }
        return nil
    }

    public var all: [(String, String)] {
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
        return bytes.contains(UInt8(ascii: "&")) ? value.replacingOccurrences(of: "&#38;", with: "&") : value
    }
}

/// Maps element names to small integers (their index in `names`, or -1),
/// caching by libxml2's interned name pointer so a lookup is a few
/// instructions rather than a string comparison.
public struct XmlNameTable {
    public let names: [String]
    private var keys: [UInt]
    private var ids: [Int32]
    private var used = 0
    private let mask: Int

    public init(_ names: [String]) {
        self.names = names
        mask = 1023
        keys = Array(repeating: 0, count: mask + 1)
        ids = Array(repeating: -1, count: mask + 1)
    }

    public mutating func id(of name: UnsafePointer<UInt8>) -> Int {
        let key = UInt(bitPattern: name)
        var slot = Int(truncatingIfNeeded: (key >> 3) &* 0x9E37_79B9_7F4A_7C15 >> 40) & mask
        while keys[slot] != 0 {
            if keys[slot] == key { return Int(ids[slot]) }
            slot = (slot + 1) & mask
        }
        let found = names.firstIndex { $0.utf8.elementsEqual(UnsafeBufferPointer(start: name, count: strlen(name))) } ?? -1
        // A hostile document can invent endless names: stop caching when half full.
        if used < (mask + 1) / 2 {
            keys[slot] = key
            ids[slot] = Int32(found)
            used += 1
        }
        return found
    }
}

public struct XmlError: Error, CustomStringConvertible {
    public let message: String
    public let line: Int?
    public var description: String {
        line.map { "XML error at line \($0): \(message)" } ?? "XML error: \(message)"
    }
}

/// libxml2's SAX2 push parser, fed chunk by chunk (straight from the HTTP
/// stream): no DOM, no whole-document buffer. Hardened for untrusted
/// feeds: a DOCTYPE fails the document (so no entity can be declared or
/// expanded and no DTD is loaded), no network access, libxml2's default
/// limits on depth (256) and text node size (10 MB) stay on.
public final class XmlPushParser: BodyConsumer {
    private let handlerReference: XmlEventHandler
    /// The same handler without reference counting on the per-event path;
    /// `handlerReference` keeps it alive.
    private unowned(unsafe) let handler: XmlEventHandler
    /// The handler this parser feeds, for reading its state after a transfer.
    public var handlerObject: XmlEventHandler { handlerReference }
    private var context: xmlParserCtxtPtr?
    private var sax = xmlSAXHandler()
    fileprivate var failure: XmlError?

    /// libxml2 wants one initialisation before parsers run on several threads.
    private static let libraryReady: Void = xmlInitParser()

    public init(handler: XmlEventHandler) {
        _ = Self.libraryReady
        self.handlerReference = handler
        self.handler = handler
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = xmlStartElement
        sax.endElementNs = xmlEndElement
        sax.characters = xmlCharacters
        sax.cdataBlock = xmlCharacters
        sax.internalSubset = xmlRejectDoctype
        sax.externalSubset = xmlRejectDoctype
        sax.getEntity = xmlPredefinedEntityOnly
        sax.serror = xmlRecordError
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    public func consume(_ chunk: UnsafeRawBufferPointer) throws {
        if context == nil { try start() }
        var offset = 0
        // xmlParseChunk takes an Int32 length.
        while offset < chunk.count {
            let length = min(chunk.count - offset, 1 << 20)
            let base = chunk.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self)
            let status = xmlParseChunk(context, base, Int32(length), 0)
            try check(status)
            offset += length
        }
    }

    public func finish() throws {
        if context == nil { try start() }
        try check(xmlParseChunk(context, nil, 0, 1))
        if context?.pointee.wellFormed == 0 { throw failure ?? XmlError(message: "document is not well-formed", line: nil) }
    }

    private func start() throws {
        let unmanaged = Unmanaged.passUnretained(self).toOpaque()
        context = withUnsafeMutablePointer(to: &sax) { xmlCreatePushParserCtxt($0, unmanaged, nil, 0, nil) }
        guard let context else { throw XmlError(message: "libxml2 could not create a parser", line: nil) }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue))
    }

    private func check(_ status: Int32) throws {
        if let failure { throw failure }
        if status != 0 {
            throw XmlError(message: "malformed document (libxml2 error \(status))", line: nil)
        }
    }

    fileprivate func stop(_ error: XmlError) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    fileprivate var currentLine: Int? {
        context.map { Int(xmlSAX2GetLineNumber($0)) }
    }

    /// libxml2's push mode does not apply its own depth limit, so we do.
    public static let maxDepth = 256
    private var depth = 0

    fileprivate func dispatchStart(_ localName: UnsafePointer<xmlChar>, _ count: Int32,
                                   _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        depth += 1
        guard depth <= Self.maxDepth else {
            stop(XmlError(message: "elements nested deeper than \(Self.maxDepth)", line: currentLine))
            return
        }
        handler.startElement(localName, attributes: XmlAttributes(count: Int(count), base: attributes))
    }

    fileprivate func dispatchEnd(_ localName: UnsafePointer<xmlChar>) {
        depth -= 1
        handler.endElement(localName)
    }
    fileprivate func dispatchCharacters(_ text: UnsafeBufferPointer<UInt8>) { handler.characters(text) }
}

private func parser(_ context: UnsafeMutableRawPointer?) -> XmlPushParser {
    Unmanaged<XmlPushParser>.fromOpaque(context!).takeUnretainedValue()
}

/// The per-event callbacks reach the parser without retaining it: it
/// outlives every callback of its own parse.
private func withParser(_ context: UnsafeMutableRawPointer?, _ body: (XmlPushParser) -> Void) {
    Unmanaged<XmlPushParser>.fromOpaque(context!)._withUnsafeGuaranteedRef(body)
}

private let xmlStartElement: startElementNsSAX2Func = { context, localName, _, _, _, _, attributeCount, _, attributes in
    guard let localName else { return }
    withParser(context) { $0.dispatchStart(localName, attributeCount, attributes) }
}

private let xmlEndElement: endElementNsSAX2Func = { context, localName, _, _ in
    guard let localName else { return }
    withParser(context) { $0.dispatchEnd(localName) }
}

private let xmlCharacters: charactersSAXFunc = { context, text, length in
    guard let text, length > 0 else { return }
    withParser(context) { $0.dispatchCharacters(UnsafeBufferPointer(start: text, count: Int(length))) }
}

private let xmlRejectDoctype: internalSubsetSAXFunc = { context, _, _, _ in
    let owner = parser(context)
    owner.stop(XmlError(message: "the document carries a DOCTYPE declaration, which feeds never do; refused", line: owner.currentLine))
}

private let xmlPredefinedEntityOnly: getEntitySAXFunc = { _, name in
    guard let name else { return nil }
    return xmlGetPredefinedEntity(name)
}

private let xmlRecordError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    let owner = parser(context)
    guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, owner.failure == nil else { return }
    // libxml2's messages may span lines ("...\nBytes: 0xC3 0x28"); errors are one line.
    let message = error.pointee.message.map { String(cString: $0) }?
        .split(whereSeparator: \.isNewline).joined(separator: " ")
        .trimmingCharacters(in: .whitespaces) ?? "malformed document"
    owner.failure = XmlError(message: message, line: Int(error.pointee.line))
}
