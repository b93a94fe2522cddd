import ArgoModel
import ArgoSystem
import FoundationEssentials

/// Where and how to ask GOCDB: the feed base plus the credentials used.
/// Jobs whose requests have equal keys share one fetch.
struct GocdbEndpoint: Hashable, Sendable {
    static let defaultBase = "https://goc.egi.eu/gocdbpi/"

    let base: String
    let basicUser: String?
    let basicPassword: String?
    /// 2.3.1's way: `base` is the whole request URL with its `method` (as
    /// `DowntimesFeed` gives it), to which the other parameters are added.
    let isRequestURL: Bool

    init(feed: String?, authentication: AuthenticationSettings) {
        self.init(base: Self.normalizedBase(feed ?? Self.defaultBase), isRequestURL: false, authentication: authentication)
    }

    /// A 2.3.1 feed: the request URL as configured, parameters appended.
    init(requestURL: String, authentication: AuthenticationSettings) {
        self.init(base: requestURL, isRequestURL: true, authentication: authentication)
    }

    private init(base: String, isRequestURL: Bool, authentication: AuthenticationSettings) {
        self.base = base
        self.isRequestURL = isRequestURL
        let plain = authentication.usePlainHTTPAuth
        basicUser = plain ? authentication.httpUser : nil
        basicPassword = plain ? authentication.httpPass : nil
    }

    var isOffline: Bool { BaseURL.isFile(base) }

    /// Paths that mean GOCDB's own API: the original used only the scheme
    /// and host of a feed and always asked `/gocdbpi/private/`.
    static let gocdbPaths: Set<String> = ["", "/gocdbpi", "/gocdbpi/private"]

    /// `https://goc.egi.eu`, `…/gocdbpi/` and `…/gocdbpi/private/` all become
    /// `…/gocdbpi/`; another path is kept as written. Every base ends in `/`,
    /// so spellings of the same feed compare equal (and share one fetch).
    static func normalizedBase(_ feed: String) -> String {
        let root = BaseURL.normalized(feed)
        guard !BaseURL.isFile(root), var components = URLComponents(string: root),
              gocdbPaths.contains(components.path) else { return root + "/" }
        components.path = "/gocdbpi/"
        return components.string ?? root + "/"
    }

    /// `BASE/private/?method=NAME&k=v...`; an offline (`file://DIR/`) base maps to `DIR/NAME.xml`,
    /// an offline request URL (2.3.1's `file:///path/feed.xml`) to its file.
    func url<Field>(_ method: GocdbMethod<Field>, parameters: [(String, String)]) -> String {
        if isRequestURL {
            // A file holds the whole answer: no query to add.
            if isOffline { return String(base.prefix { $0 != "?" }) }
            let extra = parameters.map { $0.0.isEmpty ? $0.1 : "&\($0.0)=\($0.1)" }.joined()
            return base + (base.contains("?") ? extra : "?" + extra.dropFirst())
        }
        if isOffline { return base + method.name + ".xml" }
        let query = ([("method", method.name)] + parameters).map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        return base + "private/?" + query
    }
}
