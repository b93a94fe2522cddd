import FoundationEssentials

/// A 3xx answer with a location, which `HTTPClient` decides whether to follow.
struct Redirect: Error {
    let status: Int
    let location: String
}

/// Scheme, host and port of an http(s) URL: where credentials may go.
struct Origin: Equatable {
    let scheme: String
    let host: String
    let port: Int

    init?(_ url: String) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = parsed.host?.lowercased(), !host.isEmpty else { return nil }
        self.scheme = scheme
        self.host = host
        port = parsed.port ?? (scheme == "https" ? 443 : 80)
    }
}
