import ArgoModel
import CLibXML2

/// Receives the events of a streamed XML document. Names are libxml2's
/// interned, NUL-terminated local names (resolve them with `XMLNameTable`);
/// text may arrive in several pieces. Nothing is allocated per event. An
/// error thrown by a handler stops the parse, and so the transfer, at once.
package protocol XMLEventHandler: AnyObject {
    func startElement(_ name: UnsafePointer<UInt8>, attributes: XMLAttributes) throws
    func endElement(_ name: UnsafePointer<UInt8>) throws
    func characters(_ text: UnsafeBufferPointer<UInt8>) throws
    /// After the last event of a well-formed document: a last check.
    func endDocument() throws
}

extension XMLEventHandler {
    package func endDocument() throws {}
}
