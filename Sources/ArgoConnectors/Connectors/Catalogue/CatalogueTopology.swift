import ArgoModel
import ArgoSystem

/// A topology from a service catalogue (Agora, LOT1SC, the EOSC provider
/// portal): records made in the catalogue's own key order.
package struct CatalogueTopology: Sendable {
    var groups: [TenantGroupJSONRecord] = []
    var endpoints: [TenantEndpointRecord] = []
    var skipped = SkippedEntities()

    var product: JobProduct {
        JobProduct(recordSets: [RecordSet(groups), RecordSet(endpoints)],
                   summary: "Fetched Endpoints:\(endpoints.count) Groups:\(groups.count)", warnings: skipped.warnings)
    }
}

/// Fetching a catalogue's JSON as 2.3.1 did: the configured URL without its
/// query (2.3.1 used scheme, host and path only), `Accept: application/json`.
enum CatalogueFeed {
    static func withoutQuery(_ url: String) -> String {
        String(url.prefix { $0 != "?" && $0 != "#" })
    }

    static func json(_ url: String, with http: any FeedTransport, headers: [String] = []) throws -> JSONValue {
        let body = try http.fetch(HTTPRequest(url: url, headers: ["Accept: application/json"] + headers))
        return try FeedError.reading(RedactedURL.display(url)) { try JSONParser.parse(body) }
    }
}

/// 2.3.1's `remove_non_utf`: `+` → `_plus_`, `@` → `_at_`, space → `_`,
/// `"` dropped, then made ASCII (IDs that become host names).
enum RemoveNonUTF {
    static func ascii(_ text: String) throws -> String {
        try ASCIITransliteration.ascii(text.replacing("+", with: "_plus_").replacing("@", with: "_at_").replacing(" ", with: "_").replacing("\"", with: ""))
    }
}
