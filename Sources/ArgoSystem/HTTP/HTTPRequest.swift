import ArgoModel

/// One HTTP (or file://) request.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable { case get = "GET", post = "POST", put = "PUT", delete = "DELETE" }

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
