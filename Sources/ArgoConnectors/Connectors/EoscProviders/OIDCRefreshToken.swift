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
    func accessToken(with http: any FeedTransport) throws -> String {
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
        let secrets = [presented, configuredToken]
        do {
            answer = try http.fetch(request)
        } catch let error as FeedError {
            guard case .status(let status) = error.kind, (400..<500).contains(status) else { throw error }
            let oauth = Self.oauthError(error.responseBody, redacting: secrets)
            // invalid_grant: the portal no longer takes this token; only a new one mends it.
            let advice = oauth.code == "invalid_grant"
                ? "the token is no longer valid: get a new refresh token from the portal, put it in OIDCRefreshToken and remove \(file)"
                : "it is kept in \(file): if it was revoked, put a new one in OIDCRefreshToken and remove that file"
            throw FeedError(kind: error.kind, url: error.url, reason: "the token endpoint refused the refresh token (HTTP \(status)\(oauth.text)); \(advice)")
        }
        let document = try? JSONParser.parse(answer)
        guard let access = document?["access_token"]?.stringValue, !access.isEmpty else {
            throw FeedError(kind: .content, url: request.displayURL, reason: "the answer holds no access_token")
        }
        // RFC 6749 6: the server may keep the refresh token as it is (no refresh_token in the answer).
        let refresh = document?["refresh_token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? presented
        for (name, token) in [("access_token", access), ("refresh_token", refresh)] where !Self.isTokenText(token) {
            // It would be sent as a header (Bearer) or a form value: control characters there are an injection.
            throw FeedError(kind: .content, url: request.displayURL, reason: "the answer's \(name) holds characters a token cannot (control characters or blanks): refused")
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

    /// `: invalid_grant (Token is not active)` from an OAuth error answer,
    /// with any of `secrets` the endpoint echoed replaced (it is logged).
    private static func oauthError(_ body: [UInt8], redacting secrets: [String]) -> (code: String?, text: String) {
        guard let document = try? JSONParser.parse(body), let code = document["error"]?.stringValue else { return (nil, "") }
        // Redacted before it is cut short: a cut could leave part of a token.
        let redact = { (text: String) in secrets.filter { !$0.isEmpty }.reduce(text) { $0.replacing($1, with: "[redacted]") } }
        let detail = document["error_description"]?.stringValue.map { " (\(redact($0).prefix(200)))" } ?? ""
        let text = ": \(redact(code).prefix(60))\(detail)"
        // Anything left that is not printable is dropped, so that the line stays one line.
        return (code, String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init)))
    }

    /// A token as RFC 6750's b64token (and any sane token) is: visible ASCII, no blank.
    static func isTokenText(_ token: String) -> Bool {
        token.utf8.allSatisfy { (0x21...0x7E).contains($0) }
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
