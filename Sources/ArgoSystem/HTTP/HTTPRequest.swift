import ArgoModel

/// One HTTP (or file://) request.
package struct HTTPRequest: Sendable {
    package enum Method: String, Sendable { case get = "GET", post = "POST", put = "PUT", delete = "DELETE" }

    package var url: String
    package var method: Method = .get
    /// Header lines, `Name: value`. Values may be secret: never logged.
    package var headers: [String] = []
    package var body: [UInt8]?
    package var basicAuth: (user: String, password: String)?
    /// A lower body limit than the client's, for bodies held in memory.
    package var maxBodyBytes: Int?
    /// Whether a 2xx answer without a body is success (a DELETE's); by
    /// default an empty answer is a failure worth another attempt.
    package var allowsEmptyBody = false

    package init(url: String, method: Method = .get, headers: [String] = [], body: [UInt8]? = nil) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }

    /// The URL as it may appear in logs and errors.
    package var displayURL: String { RedactedURL.display(url) }
    /// A saved response on disk rather than a request to a server.
    package var isFile: Bool { BaseURL.isFile(url) }

    /// Whether the request changes data on the server (never repeated elsewhere after a redirect).
    var changesData: Bool { method != .get }

    /// Whether it carries a secret: basic credentials or any header but the
    /// plain content headers (tokens travel as `x-api-key`).
    var carriesCredentials: Bool {
        basicAuth != nil || headers.contains { header in
            let name = header.prefix { $0 != ":" }.lowercased()
            return name != "content-type" && name != "accept"
        }
    }
}
