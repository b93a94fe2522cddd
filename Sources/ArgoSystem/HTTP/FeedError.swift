import ArgoModel

/// A feed (or any HTTP service) that could not be fetched or read, after
/// its retries, phrased for an operator: the URL without credentials, the
/// reason and the number of attempts.
package struct FeedError: Error, CustomStringConvertible, Sendable {
    package enum Kind: Equatable, Sendable {
        case transport
        case status(Int)
        case emptyBody
        case content
        /// A response that is well-formed but not whole (a paging page
        /// without its count, or with another count): asked again.
        case incomplete
        case configuration
        /// Stopped by SIGTERM or SIGINT: not asked again.
        case cancelled
    }

    package let kind: Kind
    package let url: String
    package let reason: String
    let attempts: Int
    /// The start of a non-2xx response's body (for services with JSON errors).
    package var responseBody: [UInt8] = []

    package init(kind: Kind, url: String, reason: String, attempts: Int = 1, responseBody: [UInt8] = []) {
        self.kind = kind
        self.url = url
        self.reason = reason
        self.attempts = attempts
        self.responseBody = responseBody
    }

    package var description: String {
        (url.isEmpty ? "" : "\(url): ") + reason + attemptsNote
    }

    /// " (after N attempts)" when it was tried more than once, for the end of a message.
    package var attemptsNote: String {
        attempts > 1 ? " (after \(attempts) attempts)" : ""
    }

    /// Runs `read` on a feed's body: a malformed body is a content error of the feed at `url`.
    package static func reading<T>(_ url: String, _ read: () throws -> T) throws -> T {
        do {
            return try read()
        } catch let error as FormatError {
            throw FeedError(kind: .content, url: url, reason: "\(error)")
        }
    }

    /// Whether another attempt may succeed.
    package var isRetryable: Bool {
        switch kind {
        case .transport, .emptyBody, .incomplete: return true
        case .status(let code): return code >= 500 || code == 408 || code == 429
        case .content, .configuration, .cancelled: return false
        }
    }
}
