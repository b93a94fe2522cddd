import Foundation
import ArgoSystem

/// An in-memory `FeedTransport`: the connectors' `EmbeddedChannel`. Each
/// request is answered by the test's handler, a body handed to the
/// consumer in small pieces (so a reader meets chunk boundaries anywhere,
/// as from a socket), or a fault thrown as `HTTPClient` would after its
/// attempts. It keeps every request, to check what was asked and sent.
/// A test uses it from one thread at a time (connectors fetch one feed each).
package final class MemoryTransport: FeedTransport, @unchecked Sendable {
    package enum Answer {
        case body(String)
        case bytes([UInt8])
        /// An HTTP status other than 2xx, with its body.
        case status(Int, String)
        /// The connection dropped after these many bytes of this body.
        case cut(String, after: Int)
        /// What a transfer that never got an answer reports.
        case unreachable
    }

    package let settings: HTTPSettings
    /// Bytes per piece handed to a consumer.
    package var pieceBytes = 7
    private let answer: (HTTPRequest) -> Answer
    private let lock = NSLock()
    private var asked: [HTTPRequest] = []

    package init(settings: HTTPSettings = HTTPSettings(), answer: @escaping (HTTPRequest) -> Answer) {
        self.settings = settings
        self.answer = answer
    }

    /// Answers a request whose URL starts with a key of `bodies` (the longest) with its body; other URLs are unreachable.
    package convenience init(settings: HTTPSettings = HTTPSettings(), bodies: [String: String]) {
        self.init(settings: settings) { request in
            let key = bodies.keys.filter { request.url.hasPrefix($0) }.max { $0.count < $1.count }
            return key.map { .body(bodies[$0]!) } ?? .unreachable
        }
    }

    /// Answers as a loopback server's handler would: the fakes written for
    /// `TestHTTPServer` (GOCDB, the kit's feeds, the WEB-API) serve here too.
    package convenience init(settings: HTTPSettings = HTTPSettings(),
                     serving handler: @escaping (TestHTTPServer.Request) -> TestHTTPServer.Response) {
        self.init(settings: settings) { request in
            let target = MemoryTransport.target(of: request.url)
            var headers: [String: String] = [:]
            for line in request.headers {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
            }
            let response = handler(TestHTTPServer.Request(method: request.method.rawValue, target: target, headers: headers, body: request.body ?? []))
            let text = String(decoding: response.body, as: UTF8.self)
            // HTTPClient follows redirects by its own policy (tested on loopback); this double follows
            // none, and says so rather than answer as the client never would.
            precondition(!(300..<400).contains(response.status), "MemoryTransport does not follow redirects: test them against TestHTTPServer")
            guard (200..<300).contains(response.status) else { return .status(response.status, text) }
            if let cut = response.truncateAfter ?? response.resetAfter { return .cut(text, after: cut) }
            return .bytes(response.body)
        }
    }

    /// The path and query a server sees of `url` (`/gocdbpi/?method=x`).
    private static func target(of url: String) -> String {
        guard let scheme = url.firstRange(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }

    package var requests: [HTTPRequest] { lock.withLock { asked } }

    package func stream<C: BodyConsumer>(_ request: HTTPRequest, makeConsumer: () -> C) throws -> C {
        lock.withLock { asked.append(request) }
        let url = request.displayURL
        let body: [UInt8], whole: Bool
        switch answer(request) {
        case .body(let text): (body, whole) = (Array(text.utf8), true)
        case .bytes(let bytes): (body, whole) = (bytes, true)
        case .status(let code, let text):
            throw FeedError(kind: .status(code), url: url, reason: "HTTP \(code): \(text.prefix(200))", responseBody: Array(text.utf8))
        case .cut(let text, let count): (body, whole) = (Array(text.utf8.prefix(count)), false)
        case .unreachable:
            throw FeedError(kind: .transport, url: url, reason: "Could not connect to server", attempts: settings.connection.retries + 1)
        }
        // The limit and the words of HTTPClient's transfer (CurlTransfer).
        let limit = min(request.maxBodyBytes ?? .max, settings.maxBodyBytes)
        if body.count > limit {
            throw FeedError(kind: .content, url: url, reason: "response larger than the limit of \(limit) bytes")
        }
        let consumer = makeConsumer()
        do {
            var start = 0
            while start < body.count {
                let end = min(start + pieceBytes, body.count)
                try body[start..<end].withUnsafeBytes { try consumer.consume($0) }
                start = end
            }
        } catch {
            throw FeedError(consumerError: error, url: url)
        }
        guard whole else { throw FeedError(kind: .transport, url: url, reason: "connection reset after \(body.count) bytes") }
        if body.isEmpty && !request.allowsEmptyBody { throw FeedError(kind: .emptyBody, url: url, reason: "empty response") }
        do {
            try consumer.finish()
        } catch {
            throw FeedError(consumerError: error, url: url)
        }
        return consumer
    }

    package func forTokenService(verify: Bool) -> Self { self }
    package func ignoringCancellation() -> Self { self }
}
