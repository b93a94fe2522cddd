import FoundationEssentials

public struct AuthenticationSettings: Equatable, Sendable {
    public var verifyServerCert = false
    public var caPath: String?
    public var caFile: String?
    public var hostKey: String?
    public var hostCert: String?
    public var usePlainHttpAuth = false
    public var httpUser: String?
    public var httpPass: String?
    public var poemToken: String?
}
