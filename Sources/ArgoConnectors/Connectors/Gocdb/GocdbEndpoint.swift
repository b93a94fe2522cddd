import ArgoModel
import ArgoSystem
import FoundationEssentials

/// Where and how to ask GOCDB: the feed base plus the credentials used.
/// Jobs whose requests have equal keys share one fetch.
package struct GocdbEndpoint: Hashable, Sendable {
    static let defaultBase = "https://goc.egi.eu/gocdbpi/"

    let base: String
    let basicUser: String?
    let basicPassword: String?

    init(feed: String?, authentication: AuthenticationSettings) {
        base = Self.normalizedBase(feed ?? Self.defaultBase)
        if authentication.usePlainHTTPAuth {
            basicUser = authentication.httpUser
            basicPassword = authentication.httpPass
        } else {
            basicUser = nil
            basicPassword = nil
        }
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

    /// `BASE/private/?method=NAME&k=v...`; an offline (`file://DIR/`) base maps to `DIR/NAME.xml`.
    func url<Field>(_ method: GocdbMethod<Field>, parameters: [(String, String)]) -> String {
        if isOffline { return base + method.name + ".xml" }
        let query = ([("method", method.name)] + parameters).map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        return base + "private/?" + query
    }
}
