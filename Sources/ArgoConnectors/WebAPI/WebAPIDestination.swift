import ArgoModel
import ArgoSystem

/// A tenant of the ARGO WEB-API: its base URL, key, and whether its
/// server is verified. Spoken to through `WebAPIClient` alone.
package struct WebAPIDestination: Sendable, Hashable {
    let base: String
    /// Sent as `x-api-key` by `WebAPIClient` alone; never logged, never in a URL.
    let token: String
    /// `[WebAPI] VerifyServerCert` (on unless turned off; #18).
    let verifiesServer: Bool

    package init(host: String, token: String, verifiesServer: Bool = true) {
        base = BaseURL.normalized(host)
        self.token = token
        self.verifiesServer = verifiesServer
    }

    /// The customer's WEB-API, when its settings are complete.
    package init?(_ settings: WebAPISettings) {
        guard let host = settings.host, let token = settings.token else { return nil }
        self.init(host: host, token: token, verifiesServer: settings.verifyServerCert)
    }

    /// The URL of `path` in the tenant's v2 API, for `date` when given.
    package func url(_ path: String, date: RunDate? = nil) -> String {
        "\(base)/api/v2/\(path)" + (date.map { "?date=\($0)" } ?? "")
    }
}
