package struct AuthenticationSettings: Equatable, Sendable {
    package var verifyServerCert = false
    package var caPath: String?
    package var caFile: String?
    package var hostKey: String?
    package var hostCert: String?
    package var usePlainHTTPAuth = false
    package var httpUser: String?
    package var httpPass: String?
    package var poemToken: String?
}
