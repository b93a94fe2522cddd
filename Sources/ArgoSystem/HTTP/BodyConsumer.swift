/// Receives a response body as it arrives. A new consumer is made for
/// every attempt, so a retry starts from a clean parser.
package protocol BodyConsumer: AnyObject {
    func consume(_ chunk: UnsafeRawBufferPointer) throws
    /// Called once the whole body has arrived.
    func finish() throws
}
