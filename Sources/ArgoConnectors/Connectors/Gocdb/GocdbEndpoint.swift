import ArgoModel
import ArgoSystem
import FoundationEssentials

/// Where and how to ask GOCDB: the feed base plus the credentials used.
/// Jobs whose requests have equal keys share one fetch.
public struct GocdbEndpoint: Hashable, Sendable {
    static let defaultBase = "https://goc.egi.eu/gocdbpi/"

    let base: String
    let basicUser: String?
    let basicPassword: String?

    init(feed: String?, authentication: AuthenticationSettings) {
        base = Self.normalizedBase(feed ?? Self.defaultBase)
        if authentication.usePlainHttpAuth {
            basicUser = authentication.httpUser
            basicPassword = authentication.httpPass
        } else {
            basicUser = nil
            basicPassword = nil
        }
    }

    var isOffline: Bool { base.lowercased().hasPrefix("file:") }

    /// A base without a path gets `/gocdbpi/`; every base ends in `/`, so
    /// spellings of the same feed compare equal (and share one fetch).
    static func normalizedBase(_ feed: String) -> String {
        var root = BaseURL.normalized(feed)
        if !root.lowercased().hasPrefix("file:"), let components = URLComponents(string: root),
           components.path.isEmpty || components.path == "/" {
            root += "/gocdbpi"
        }
        return root + "/"
    }

    /// `BASE/private/?method=NAME&k=v...`; an offline (`file://DIR/`) base maps to `DIR/NAME.xml`.
    func url<Field>(_ method: GocdbMethod<Field>, parameters: [(String, String)]) -> String {
        if isOffline { return base + method.name + ".xml" }
        let query = ([("method", method.name)] + parameters).map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        return base + "private/?" + query
    }
}
