import Foundation

/// GOCDB as the 2.3.1 conformance kit's feed server answered
/// (../shared/conformance/gen2/README.md, "How the feed server answered"):
/// the items of a whole GOCDB document, filtered by `scope=` (every listed
/// scope held), paged by `next_cursor` in pages of `pageSize` with a
/// `<meta>` block; the tags `<results>`, `</results>` on lines of their own.
package final class KitGocdb {
    /// Method name → the document's items, each with its scopes.
    private var items: [String: [(text: String, scopes: Set<String>)]] = [:]
    package var pageSize = 2

    /// `documents`: method name → a whole GOCDB answer.
    package init(_ documents: [String: String]) {
        for (method, document) in documents { items[method] = Self.items(of: document) }
    }

    /// The kit's three topology documents (Fixtures/gen2/feed-<method>.xml).
    package static func topology() -> KitGocdb {
        KitGocdb(Dictionary(uniqueKeysWithValues: ["get_site", "get_service_endpoint", "get_service_group"].map {
            ($0, Paths.fixtureText("gen2/feed-\($0).xml"))
        }))
    }

    package func respond(_ request: TestHTTPServer.Request) -> TestHTTPServer.Response {
        guard let method = request.query["method"], let all = items[method] else {
            return .init(status: 404, body: "<error>unknown method</error>")
        }
        let wanted = Set((request.query["scope"] ?? "").split(separator: ",").map(String.init))
        var kept = all.filter { wanted.isSubset(of: $0.scopes) }.map(\.text)
        var meta = ""
        if let cursor = request.query["next_cursor"].flatMap(Int.init) {
            kept = Array(kept.dropFirst(cursor).prefix(pageSize))
            let base = "http://kit.example.org\(request.path)?method=\(method)&amp;scope=\(request.query["scope"] ?? "")"
            meta = "  <meta>\n    <link rel=\"self\" href=\"\(base)&amp;next_cursor=\(cursor)\"/>\n"
                + "    <link rel=\"next\" href=\"\(base)&amp;next_cursor=\(cursor + kept.count)\"/>\n"
                + "    <link rel=\"start\" href=\"\(base)&amp;next_cursor=0\"/>\n"
                + "    <count>\(kept.count)</count>\n    <max_page_size>\(pageSize)</max_page_size>\n  </meta>\n"
        }
        return .init(body: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<results>\n\(meta)\(kept.map { $0 + "\n" }.joined())</results>\n")
    }

    /// The top-level elements inside `<results>`, as text, with every SCOPE value found in each.
    package static func items(of document: String) -> [(text: String, scopes: Set<String>)] {
        let bytes = Array(document.utf8)
        var found: [(text: String, scopes: Set<String>)] = []
        var depth = 0
        var start = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: ">") { end += 1 }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") {
                // A declaration or comment: no depth.
            } else if next == UInt8(ascii: "/") {
                depth -= 1
                if depth == 1 {
                    let text = String(decoding: bytes[start...end], as: UTF8.self)
                    found.append((text: "  " + text, scopes: scopes(in: text)))
                }
            } else if bytes[end - 1] != UInt8(ascii: "/") {
                if depth == 1 { start = index }
                depth += 1
            }
            index = end + 1
        }
        return found
    }

    private static func scopes(in text: String) -> Set<String> {
        Set(text.components(separatedBy: "<SCOPE>").dropFirst().compactMap { $0.components(separatedBy: "</SCOPE>").first })
    }
}
