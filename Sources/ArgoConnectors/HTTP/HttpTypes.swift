import Foundation

/// One HTTP (or file://) request.
public struct HttpRequest {
    public enum Method: String { case get = "GET", post = "POST" }

    public var url: String
    public var method: Method = .get
    /// Header lines, `Name: value`. Values may be secret: never logged.
    public var headers: [String] = []
    public var body: [UInt8]?
    public var basicAuth: (user: String, password: String)?
    /// A lower body limit than the client's, for bodies held in memory.
    public var maxBodyBytes: Int?

    public init(url: String, method: Method = .get, headers: [String] = [], body: [UInt8]? = nil) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }

    /// The URL as it may appear in logs and errors.
    public var displayURL: String { RedactedURL.display(url) }
}

/// Transport settings from `[Connection]` and `[Authentication]`.
public struct HttpSettings {
    public var timeoutSeconds = 180
    public var retries = 3
    public var sleepRetrySeconds: Double = 60
    public var verifyServerCert = false
    public var caFile: String?
    public var caPath: String?
    public var hostCert: String?
    public var hostKey: String?
    /// Largest (decoded) body accepted; beyond it the transfer fails. A
    /// streamed GOCDB response for 100 000 endpoints is about 70 MB.
    public var maxBodyBytes = HttpSettings.defaultMaxBodyBytes

    public static let defaultMaxBodyBytes = 256 << 20
    /// For JSON documents (VAPOR, POEM, AMS answers), which are held whole.
    public static let maxDocumentBytes = 64 << 20

    public init() {}

    public init(connection: ConnectionSettings, authentication: AuthenticationSettings) {
        timeoutSeconds = connection.timeout
        retries = connection.retry
        sleepRetrySeconds = Double(connection.sleepRetry)
        verifyServerCert = authentication.verifyServerCert
        caFile = authentication.caFile
        caPath = authentication.caPath
        hostCert = authentication.hostCert
        hostKey = authentication.hostKey
    }
}

/// Receives a response body as it arrives. A new consumer is made for
/// every attempt, so a retry starts from a clean parser.
public protocol BodyConsumer: AnyObject {
    func consume(_ chunk: UnsafeRawBufferPointer) throws
    /// Called once the whole body has arrived.
    func finish() throws
}

/// Why a request failed after its retries, phrased for an operator.
public struct HttpError: Error, CustomStringConvertible {
    public enum Kind: Equatable {
        case transport
        case status(Int)
        case emptyBody
        case content
        case configuration
    }

    public let kind: Kind
    public let url: String
    public let reason: String
    public let attempts: Int
    /// The start of a non-2xx response's body (for services with JSON errors).
    public var responseBody: [UInt8] = []

    public var description: String {
        let tries = attempts > 1 ? " (after \(attempts) attempts)" : ""
        return "\(url): \(reason)\(tries)"
    }

    /// Whether another attempt may succeed.
    public var isRetryable: Bool {
        switch kind {
        case .transport, .emptyBody: return true
        case .status(let code): return code >= 500 || code == 408 || code == 429
        case .content, .configuration: return false
        }
    }
}

/// Removes credentials from URLs before they reach a log or an error.
public enum RedactedURL {
    static let secretParameters: Set<String> = ["key", "token", "api_key", "apikey", "password", "pass", "access_token"]

    public static func display(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return "<unparseable URL>" }
        if components.user != nil || components.password != nil {
            components.user = nil
            components.password = nil
        }
        if let items = components.queryItems, items.contains(where: { secretParameters.contains($0.name.lowercased()) }) {
            components.percentEncodedQuery = items.map { item in
                let value = secretParameters.contains(item.name.lowercased()) ? "***" : (item.value ?? "")
                return item.value == nil ? item.name : "\(item.name)=\(value)"
            }.joined(separator: "&")
        }
        return components.string ?? "<unparseable URL>"
    }
}

/// Collects a whole body in memory (for small JSON documents).
public final class BufferingConsumer: BodyConsumer {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public func consume(_ chunk: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: chunk) }
    public func finish() throws {}
}
