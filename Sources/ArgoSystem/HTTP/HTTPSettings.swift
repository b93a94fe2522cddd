import ArgoModel

/// Transport settings: `[Connection]`, the TLS part of `[Authentication]`,
/// and what the client says it is.
public struct HTTPSettings: Sendable {
    public var connection = ConnectionSettings()
    public var verifyServerCert = false
    public var caFile: String?
    public var caPath: String?
    public var hostCert: String?
    public var hostKey: String?
    /// Sent as `User-Agent`.
    public var userAgent = "argo-connectors"
    /// Largest (decoded) body accepted; beyond it the transfer fails. A
    /// streamed GOCDB response for 100 000 endpoints is about 70 MB.
    public var maxBodyBytes = HTTPSettings.defaultMaxBodyBytes

    public static let defaultMaxBodyBytes = 256 << 20
    /// For JSON documents (VAPOR, POEM, AMS answers), which are held whole.
    public static let maxDocumentBytes = 64 << 20

    public init() {}

    /// The same without the client certificate: for token-authenticated
    /// services (AMS), which the original reached by token alone.
    public var withoutClientCertificate: HTTPSettings {
        var copy = self
        copy.hostCert = nil
        copy.hostKey = nil
        return copy
    }

    public init(connection: ConnectionSettings, authentication: AuthenticationSettings, userAgent: String) {
        self.connection = connection
        self.userAgent = userAgent
        verifyServerCert = authentication.verifyServerCert
        caFile = authentication.caFile
        caPath = authentication.caPath
        hostCert = authentication.hostCert
        hostKey = authentication.hostKey
    }
}
