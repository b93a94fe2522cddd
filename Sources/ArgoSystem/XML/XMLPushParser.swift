import ArgoModel
import CLibXML2

/// libxml2's SAX2 push parser, fed chunk by chunk (straight from the HTTP
/// stream): no DOM, no whole-document buffer. Hardened for untrusted
/// feeds: a DOCTYPE fails the document (so no entity can be declared or
/// expanded and no DTD is loaded), no network access, libxml2's default
/// limit on text node size (10 MB) stays on, and since its push mode
/// applies no depth limit, `maxDepth` is ours.
package final class XMLPushParser: BodyConsumer {
    /// A `let` of a parser that callbacks reach at +0 (`withParser`): calls
    /// on it cost no reference counting (an `unowned(unsafe)` copy did: a
    /// retain and a release per event).
    private let handler: XMLEventHandler
    private var context: xmlParserCtxtPtr?
    private var sax = xmlSAXHandler()
    fileprivate var failure: FormatError?

    /// libxml2 wants one initialisation before parsers run on several threads.
    private static let libraryReady: Void = xmlInitParser()

    package init(handler: XMLEventHandler) {
        _ = Self.libraryReady
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

    package func consume(_ chunk: UnsafeRawBufferPointer) throws {
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

    package func finish() throws {
        if context == nil { try start() }
        try check(xmlParseChunk(context, nil, 0, 1))
        if context?.pointee.wellFormed == 0 { throw failure ?? FormatError(.xml, "document is not well-formed") }
        try handler.endDocument()
    }

    private func start() throws {
        let unmanaged = Unmanaged.passUnretained(self).toOpaque()
        context = withUnsafeMutablePointer(to: &sax) { xmlCreatePushParserCtxt($0, unmanaged, nil, 0, nil) }
        guard let context else { throw FormatError(.xml, "libxml2 could not create a parser") }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue))
    }

    private func check(_ status: Int32) throws {
        if let failure { throw failure }
        if status != 0 {
            throw FormatError(.xml, "malformed document (libxml2 error \(status))")
        }
    }

    fileprivate func stop(_ error: FormatError) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    fileprivate var currentLine: Int? {
        context.map { Int(xmlSAX2GetLineNumber($0)) }
    }

    fileprivate static func lineLocation(_ line: Int?) -> String? { line.map { "line \($0)" } }

    /// A handler's error ends the parse; one that is not a FormatError is
    /// kept as its text. (No closures on the per-event path: they would
    /// cost reference counting on every event.)
    private func fail(_ error: Error) {
        stop(error as? FormatError ?? FormatError(.xml, "\(error)", at: Self.lineLocation(currentLine)))
    }

    /// libxml2's push mode does not apply its own depth limit, so we do.
    static let maxDepth = 256
    private var depth = 0

    fileprivate func dispatchStart(_ localName: UnsafePointer<xmlChar>, _ count: Int32,
                                   _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        depth += 1
        guard depth <= Self.maxDepth else {
            stop(FormatError(.xml, "elements nested deeper than \(Self.maxDepth)", at: Self.lineLocation(currentLine)))
            return
        }
        do { try handler.startElement(localName, attributes: XMLAttributes(count: Int(count), base: attributes)) } catch { fail(error) }
    }

    fileprivate func dispatchEnd(_ localName: UnsafePointer<xmlChar>) {
        depth -= 1
        do { try handler.endElement(localName) } catch { fail(error) }
    }
    fileprivate func dispatchCharacters(_ text: UnsafeBufferPointer<UInt8>) {
        do { try handler.characters(text) } catch { fail(error) }
    }
}

private func parser(_ context: UnsafeMutableRawPointer?) -> XMLPushParser {
    Unmanaged<XMLPushParser>.fromOpaque(context!).takeUnretainedValue()
}

/// The per-event callbacks reach the parser without retaining it: it
/// outlives every callback of its own parse.
private func withParser(_ context: UnsafeMutableRawPointer?, _ body: (XMLPushParser) -> Void) {
    Unmanaged<XMLPushParser>.fromOpaque(context!)._withUnsafeGuaranteedRef(body)
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
    owner.stop(FormatError(.xml, "the document carries a DOCTYPE declaration, which feeds never do; refused", at: XMLPushParser.lineLocation(owner.currentLine)))
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
        .trimmingBlanks() ?? "malformed document"
    owner.failure = FormatError(.xml, message, at: XMLPushParser.lineLocation(Int(error.pointee.line)))
}
