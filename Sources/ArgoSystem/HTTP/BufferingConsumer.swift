/// Collects a whole body in memory (for small JSON documents).
public final class BufferingConsumer: BodyConsumer {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public func consume(_ chunk: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: chunk) }
    public func finish() throws {}
}
