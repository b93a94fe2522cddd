/// Collects a whole body in memory (for small JSON documents).
package final class BufferingConsumer: BodyConsumer {
    package private(set) var bytes: [UInt8] = []
    package init() {}
    package func consume(_ chunk: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: chunk) }
    package func finish() throws {}
}
