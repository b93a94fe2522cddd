import ArgoModel

/// Transport settings: `[Connection]`, the TLS part of `[Authentication]`,
/// and what the client says it is.
package struct HTTPSettings: Sendable {
    package var connection = ConnectionSettings()
    package var verifyServerCert = false
    var caFile: String?
    var caPath: String?
    var hostCert: String?
    var hostKey: String?
    /// Sent as `User-Agent`.
    package var userAgent = "argo-connectors"
    /// Largest (decoded) body accepted; beyond it the transfer fails. A
    /// streamed GOCDB response for 100 000 endpoints is about 70 MB.
    package var maxBodyBytes = HTTPSettings.defaultMaxBodyBytes

    static let defaultMaxBodyBytes = 256 << 20
    /// For JSON documents (VAPOR, POEM, AMS answers), which are held whole.
    package static let maxDocumentBytes = 64 << 20

    package init() {}

    /// For a service reached by token (AMS, the WEB-API), as both Python
    /// generations reached them: without the client certificate (it is
    /// for the feeds), and verifying the server (system CAs, and
    /// `CAFile`/`CAPath` when given) unless `verify` is off.
    package func forTokenService(verify: Bool) -> HTTPSettings {
        var copy = self
        copy.hostCert = nil
        copy.hostKey = nil
        copy.verifyServerCert = verify
        return copy
    }

    package init(connection: ConnectionSettings, authentication: AuthenticationSettings, userAgent: String) {
        self.connection = connection
        self.userAgent = userAgent
        verifyServerCert = authentication.verifyServerCert
        caFile = authentication.caFile
        caPath = authentication.caPath
        hostCert = authentication.hostCert
        hostKey = authentication.hostKey
    }
}
