/// `[WebAPI]`: where the ARGO WEB-API takes topology, downtimes and weights;
/// a customer may override both (`WebAPIHost`, `WebAPIToken`).
package struct WebAPISettings: Equatable, Sendable {
    /// `host[:port]` (HTTPS) or a base URL with a scheme.
    package var host: String?
    /// The tenant's key, sent as `x-api-key`; never logged.
    package var token: String?
    /// `[WebAPI] VerifyServerCert`: as `AmsSettings.verifyServerCert`.
    package var verifyServerCert = true

    init(host: String? = nil, token: String? = nil, verifyServerCert: Bool = true) {
        self.host = host
        self.token = token
        self.verifyServerCert = verifyServerCert
    }

    package var missingOptions: [String] {
        [("Host", host), ("Token", token)].filter { $0.1 == nil }.map(\.0)
    }
}
