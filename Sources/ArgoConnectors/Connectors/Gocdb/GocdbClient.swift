import Foundation

/// The GOCDB PI methods the connectors call, with the entity shape each returns.
enum GocdbMethod: String {
    case getSite = "get_site"
    case getServiceEndpoint = "get_service_endpoint"
    case getServiceGroup = "get_service_group"
    case getDowntime = "get_downtime"

    static let endpointShape = GocdbEntityShape(
        element: "SERVICE_ENDPOINT",
        fields: ["PRIMARY_KEY", "HOSTNAME", "SERVICE_TYPE", "IN_PRODUCTION", "NODE_MONITORED", "SITENAME"])

    var shape: GocdbEntityShape {
        switch self {
        case .getSite:
            return GocdbEntityShape(element: "SITE", fields: ["PRIMARY_KEY", "SHORT_NAME", "ROC", "CERTIFICATION_STATUS", "PRODUCTION_INFRASTRUCTURE"])
        case .getServiceEndpoint:
            return Self.endpointShape
        case .getServiceGroup:
            return GocdbEntityShape(element: "SERVICE_GROUP", fields: ["PRIMARY_KEY", "NAME", "MONITORED"], nested: [Self.endpointShape])
        case .getDowntime:
            return GocdbEntityShape(element: "DOWNTIME", fields: ["PRIMARY_KEY", "HOSTNAME", "SERVICE_TYPE", "SEVERITY", "FORMATED_START_DATE", "FORMATED_END_DATE"])
        }
    }
}

/// Where and how to ask GOCDB: the feed base plus the credentials used.
/// Jobs whose requests have equal keys share one fetch.
public struct GocdbEndpoint: Hashable {
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
        var root = feed
        if !root.lowercased().hasPrefix("file:"), var components = URLComponents(string: root),
           components.path.isEmpty || components.path == "/" {
            components.path = "/gocdbpi/"
            root = components.string ?? feed
        }
        return root.hasSuffix("/") ? root : root + "/"
    }

    /// `BASE/private/?method=NAME&k=v...`; an offline (`file://DIR/`) base maps to `DIR/NAME.xml`.
    func url(_ method: GocdbMethod, parameters: [(String, String)]) -> String {
        let root = base
        if isOffline { return root + method.rawValue + ".xml" }
        let query = ([("method", method.rawValue)] + parameters).map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        return root + "private/?" + query
    }
}

/// Fetches GOCDB PI methods through the shared HTTP client, streaming each
/// response into the entity reader; follows `next_cursor` paging.
final class GocdbClient {
    let http: HttpClient
    static let maxPages = 100_000

    init(http: HttpClient) {
        self.http = http
    }

    /// Streams every entity of `method` under `scope` (nil: no scope
    /// parameter value) into `store`. Paging duplicates (same PRIMARY_KEY)
    /// are dropped; a retried page first takes back what its failed attempt added.
    func fetch(_ method: GocdbMethod, from endpoint: GocdbEndpoint, scope: String?, paging: Bool,
               parameters: [(String, String)] = [], into store: GocdbEntityStore) throws {
        var query = parameters
        if method != .getDowntime || scope != nil { query.append(("scope", scope ?? "")) }
        guard paging && !endpoint.isOffline else {
            _ = try fetchPage(method, endpoint: endpoint, parameters: query, scope: scope, seenKeys: nil, into: store)
            return
        }
        let seenKeys = PrimaryKeys()
        var cursor = "0"
        var visited: Set<String> = []
        for _ in 0..<Self.maxPages {
            visited.insert(cursor)
            let page = try fetchPage(method, endpoint: endpoint, parameters: query + [("next_cursor", cursor)], scope: scope,
                                     seenKeys: seenKeys, into: store)
            guard let count = page.count, count > 0, let next = page.nextHref.flatMap(Self.nextCursor), !visited.contains(next) else {
                return
            }
            cursor = next
        }
        throw HttpError(kind: .content, url: RedactedURL.display(endpoint.url(method, parameters: query)),
                        reason: "more than \(Self.maxPages) pages", attempts: 1)
    }

    /// One page; `seenKeys` (paging only) are the primary keys of earlier pages.
    private func fetchPage(_ method: GocdbMethod, endpoint: GocdbEndpoint, parameters: [(String, String)], scope: String?,
                           seenKeys: PrimaryKeys?, into store: GocdbEntityStore) throws -> GocdbPageInfo {
        var request = HttpRequest(url: endpoint.url(method, parameters: parameters))
        if let user = endpoint.basicUser, let password = endpoint.basicPassword { request.basicAuth = (user, password) }
        let mark = store.count
        var pageKeys = Set<String>()
        let keep: (GocdbEntity) -> Void = { entity in
            if endpoint.isOffline, let scope, !entity.scopes.contains(scope) { return }
            if let seenKeys, let key = entity.attribute("PRIMARY_KEY") ?? entity.fields[0],
               seenKeys.keys.contains(key) || !pageKeys.insert(key).inserted { return }
            store.add(entity)
        }
        let reader = try http.stream(request) { () -> XmlPushParser in
            store.truncate(to: mark)
            pageKeys.removeAll()
            return XmlPushParser(handler: GocdbEntityReader(shape: method.shape, onEntity: keep))
        }
        guard let handler = reader.handlerObject as? GocdbEntityReader else { return GocdbPageInfo() }
        if let failure = handler.failure {
            store.truncate(to: mark)
            throw HttpError(kind: .content, url: request.displayURL, reason: failure, attempts: 1)
        }
        if let root = handler.rootElement, root != "results" {
            store.truncate(to: mark)
            throw HttpError(kind: .content, url: request.displayURL, reason: "expected a <results> document, got <\(root)>", attempts: 1)
        }
        seenKeys?.keys.formUnion(pageKeys)
        return handler.page
    }

    /// Primary keys of the pages already read (paging drops repeats).
    final class PrimaryKeys {
        var keys = Set<String>()
    }

    static func nextCursor(from href: String) -> String? {
        URLComponents(string: href)?.queryItems?.first { $0.name == "next_cursor" }?.value
    }
}
