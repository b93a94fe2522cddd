import ArgoModel
import ArgoSystem
import FoundationEssentials

/// Fetches GOCDB PI methods through the shared HTTP client, streaming each
/// response into the entity reader; follows `next_cursor` paging.
struct GocdbClient: Sendable {
    let http: any FeedTransport
    static let maxPages = 100_000

    /// Streams every entity of `method` under `scope` (nil: no scope
    /// parameter value) into `store`. Paging duplicates (same PRIMARY_KEY)
    /// are dropped; a retried page first takes back what its failed attempt added.
    func fetch<Store: GocdbEntityStore>(_ method: GocdbMethod<Store.Field>, from endpoint: GocdbEndpoint, scope: String?,
                                        paging: Bool, parameters: [(String, String)] = [], into store: Store) throws {
        var query = parameters
        if scope != nil || method.asksAllScopesWithoutScope { query.append(("scope", scope ?? "")) }
        guard paging && !endpoint.isOffline else {
            _ = try fetchPage(method, endpoint: endpoint, parameters: query, scope: scope, cursorsSeen: nil, into: store)
            return
        }
        // Each page is checked whole (its count, a new next cursor) before
        // the next is asked for: paging is complete or the feed fails.
        var cursor = "0"
        var visited: Set<String> = []
        for _ in 0..<min(Self.maxPages, http.settings.connection.maxPages) {
            visited.insert(cursor)
            let page = try fetchPage(method, endpoint: endpoint, parameters: query + [("next_cursor", cursor)], scope: scope,
                                     cursorsSeen: visited, into: store)
            guard page.count != 0, let next = page.nextHref.flatMap(Self.nextCursor) else { return }
            cursor = next
        }
        throw FeedError(kind: .content, url: RedactedURL.display(endpoint.url(method, parameters: query)),
                        reason: "more than \(min(Self.maxPages, http.settings.connection.maxPages)) pages ([Connection] MaxPages)")
    }

    /// One page into `store`. Entities listed twice (within a page or across
    /// pages) are all kept here; the stores' users keep the last copy.
    private func fetchPage<Store: GocdbEntityStore>(_ method: GocdbMethod<Store.Field>, endpoint: GocdbEndpoint,
                                                    parameters: [(String, String)], scope: String?,
                                                    cursorsSeen: Set<String>?, into store: Store) throws -> GocdbPageInfo {
        var request = HTTPRequest(url: endpoint.url(method, parameters: parameters))
        if let user = endpoint.basicUser, let password = endpoint.basicPassword { request.basicAuth = (user, password) }
        let mark = store.mark()
        let keep: (GocdbEntity<Store.Field>) -> Void = { entity in
            if endpoint.isOffline, let scope, !entity.scopes.contains(scope) { return }
            store.add(entity)
        }
        var reader: GocdbEntityReader?
        try http.stream(request) { () -> XMLPushParser in
            store.rollBack(to: mark)
            let attempt = GocdbEntityReader(Store.Field.self, onEntity: keep)
            attempt.pagingCursorsSeen = cursorsSeen
            reader = attempt
            return XMLPushParser(handler: attempt)
        }
        // `stream` returned, so an attempt ran to its end.
        if let root = reader!.rootElement, root != "results" {
            store.rollBack(to: mark)
            throw FeedError(kind: .content, url: request.displayURL, reason: "expected a <results> document, got <\(root)>")
        }
        return reader!.page
    }

    static func nextCursor(from href: String) -> String? {
        URLComponents(string: href)?.queryItems?.first { $0.name == "next_cursor" }?.value
    }
}
