import ArgoModel
import ArgoSystem

/// The EOSC portal's OIDC refresh-token grant, with the rotated refresh
/// token kept in a file of this package (`SaveDir/<Name>/oidc-refresh-token.json`,
/// mode 600, replaced atomically; 2.3.1 kept it in
/// `$VIRTUAL_ENV/var/spool/provider_token.json`, in the same shape
/// `{"previous", "next"}`). The token is asked for only once the file is
/// known to be writable, and the new one saved before any feed is fetched,
/// so a run never loses the token the endpoint issued. Tokens appear in no
/// message.
struct OIDCRefreshToken: Hashable, Sendable {
    /// The token endpoint (its query dropped, as 2.3.1).
    let endpoint: String
    let clientID: String
    /// `OIDCRefreshToken`: used until a rotated one is saved.
    let configuredToken: String
    /// Where the rotated token is kept; nil without `[InputState] SaveDir`.
    let file: String?

    /// The token the next grant presents: the saved one, else the configured one.
    func currentToken() throws -> String {
        guard let file, LocalFiles.exists(file) else { return configuredToken }
        let document: JSONValue
        do {
            document = try JSONParser.parse(try LocalFiles.read(file, limit: LocalFiles.SizeLimit.state))
        } catch {
            throw FeedError(kind: .configuration, url: "", reason: "\(file): the saved OIDC refresh token cannot be read (\(error)); restore it or remove the file to start again from OIDCRefreshToken")
        }
        guard let token = document["next"]?.stringValue, !token.isEmpty else {
            throw FeedError(kind: .configuration, url: "", reason: "\(file): no \"next\" token; restore it or remove the file to start again from OIDCRefreshToken")
        }
        return token
    }

    /// Presents the current refresh token; saves the rotated one; returns the access token.
    func accessToken(with http: HTTPClient) throws -> String {
        guard let file else {
            throw FeedError(kind: .configuration, url: RedactedURL.display(endpoint),
                            reason: "the OIDC refresh token rotates and must be kept: [InputState] SaveDir is needed")
        }
        let presented = try currentToken()
        // Proves the file can be replaced before the old token is spent.
        try save(previous: presented, next: presented, to: file)
        let form = [("grant_type", "refresh_token"), ("refresh_token", presented), ("client_id", clientID), ("scope", "openid email profile")]
            .map { "\($0)=\(Self.formEncoded($1))" }.joined(separator: "&")
        var request = HTTPRequest(url: endpoint, method: .post, headers: ["Content-Type: application/x-www-form-urlencoded", "Accept: application/json"],
                                  body: Array(form.utf8))
        request.maxBodyBytes = 1 << 20
        let answer: [UInt8]
        do {
            answer = try http.fetch(request)
        } catch let error as FeedError {
            guard case .status(let status) = error.kind, (400..<500).contains(status) else { throw error }
            throw FeedError(kind: error.kind, url: error.url,
                            reason: "the token endpoint refused the refresh token (HTTP \(status)\(Self.oauthError(error.responseBody))); "
                                + "it is kept in \(file): if it was revoked, put a new one in OIDCRefreshToken and remove that file")
        }
        let document = try? JSONParser.parse(answer)
        guard let access = document?["access_token"]?.stringValue, !access.isEmpty,
              let refresh = document?["refresh_token"]?.stringValue, !refresh.isEmpty else {
            throw FeedError(kind: .content, url: request.displayURL, reason: "the answer holds no access_token and refresh_token")
        }
        do {
            try save(previous: presented, next: refresh, to: file)
        } catch {
            throw FeedError(kind: .configuration, url: request.displayURL,
                            reason: "the rotated refresh token could not be saved (\(error)): the previous one is in \(file); ask the portal for a new one if it is refused")
        }
        return access
    }

    private func save(previous: String, next: String, to file: String) throws {
        let directory = String(file[..<(file.lastIndex(of: "/") ?? file.startIndex)])
        try AtomicFileWriter.createDirectory(directory)
        let document = JSONValue.object([("previous", .string(previous)), ("next", .string(next))])
        try AtomicFileWriter.replace(file, with: Array(JSONWriter.serialize(document).utf8), permissions: 0o600)
    }

    /// `: invalid_grant (Token is not active)` from an OAuth error answer.
    private static func oauthError(_ body: [UInt8]) -> String {
        guard let document = try? JSONParser.parse(body), let code = document["error"]?.stringValue else { return "" }
        let detail = document["error_description"]?.stringValue.map { " (\($0.prefix(200)))" } ?? ""
        return ": \(code.prefix(60))\(detail)"
    }

    /// `application/x-www-form-urlencoded` value: unreserved characters kept, the rest percent-encoded (space as %20, as 2.3.1).
    static func formEncoded(_ text: String) -> String {
        let kept = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            if kept.contains(byte) { out.append(byte) } else { out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]] }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
