/// What the connectors and sinks ask of the network: a body streamed into a
/// consumer, or fetched whole, under the run's `HTTPSettings`. `HTTPClient`
/// is the real one (libcurl, retries, redirects, TLS); tests of the layer
/// above serve fixtures and inject faults through an in-memory one, as
/// NIO's `EmbeddedChannel` stands in for a socket.
package protocol FeedTransport: Sendable {
    var settings: HTTPSettings { get }
    /// Streams the body of `request` into a consumer made by `makeConsumer`
    /// (once per attempt); returns the consumer of the attempt that succeeded.
    @discardableResult
    func stream<C: BodyConsumer>(_ request: HTTPRequest, makeConsumer: () -> C) throws -> C
    /// The same transport for a token service (no host certificate; its server verified if `verify`).
    func forTokenService(verify: Bool) -> Self
    /// The same transport deaf to the run's cancellation (putting a WEB-API day back after SIGTERM).
    func ignoringCancellation() -> Self
}

extension FeedTransport {
    /// A whole body in memory, at most `HTTPSettings.maxDocumentBytes` unless the request says otherwise.
    package func fetch(_ request: HTTPRequest) throws -> [UInt8] {
        var limited = request
        limited.maxBodyBytes = request.maxBodyBytes ?? HTTPSettings.maxDocumentBytes
        return try stream(limited) { BufferingConsumer() }.bytes
    }
}

extension HTTPClient: FeedTransport {}
