/// `[WebAPI]`: where the ARGO WEB-API takes topology, downtimes and weights;
/// a customer may override both (`WebAPIHost`, `WebAPIToken`).
public struct WebAPISettings: Equatable, Sendable {
    /// `host[:port]` (HTTPS) or a base URL with a scheme.
    public var host: String?
    /// The tenant's key, sent as `x-api-key`; never logged.
    public var token: String?

    public init(host: String? = nil, token: String? = nil) {
        self.host = host
        self.token = token
    }

    public var missingOptions: [String] {
        [("Host", host), ("Token", token)].filter { $0.1 == nil }.map(\.0)
    }
}
