import Foundation

/// GOCDB PI responses built from small descriptions: scope filtering (any
/// listed scope), `next_cursor` paging with a `<meta>` block (self, next,
/// start, count, max_page_size), and basic auth, as GOCDB does and as
/// `shared/tools/peers.py` answers (its `gocdb`), held to it byte for byte
/// by `FakeGocdbFidelityTests`. One difference, on purpose: `get_downtime`
/// answers the document a test gives (`downtimes`) whatever the window and
/// scope, where GOCDB filters; the connectors also run against peers.py
/// itself in `make interop` (Tests/interop/peers_e2e.py).
package final class FakeGocdb {
    package struct Site {
        package var name: String
        package var ngi: String
        package var certification = "Certified"
        package var infrastructure = "Production"
        package var scopes = ["EGI"]

        package init(name: String, ngi: String, certification: String = "Certified", infrastructure: String = "Production", scopes: [String] = ["EGI"]) {
            (self.name, self.ngi, self.certification, self.infrastructure, self.scopes) = (name, ngi, certification, infrastructure, scopes)
        }
    }

    package struct Endpoint {
        package var hostname: String
        package var service: String
        package var site: String
        package var production = "Y"
        package var monitored = "Y"
        package var scopes = ["EGI"]
        package var key: String { "\(hostname)/\(service)" }

        package init(hostname: String, service: String, site: String, production: String = "Y", monitored: String = "Y", scopes: [String] = ["EGI"]) {
            (self.hostname, self.service, self.site, self.production, self.monitored, self.scopes) = (hostname, service, site, production, monitored, scopes)
        }
    }

    package struct Group {
        package var name: String
        package var monitored = "Y"
        package var scopes = ["EGI"]
        package var endpoints: [Endpoint] = []

        package init(name: String, monitored: String = "Y", scopes: [String] = ["EGI"], endpoints: [Endpoint] = []) {
            (self.name, self.monitored, self.scopes, self.endpoints) = (name, monitored, scopes, endpoints)
        }
    }

    package var sites: [Site] = []
    package var endpoints: [Endpoint] = []
    package var groups: [Group] = []
    package var downtimes = ""
    package var pageSize = 2
    package var basicAuth: (user: String, password: String)?
    /// A response to give instead of the normal one for the Nth request (1-based) of a method.
    package var faults: [String: [Int: TestHTTPServer.Response]] = [:]
    private let counters = NSLock()
    private var counts: [String: Int] = [:]

    package init() {}

    package func respond(_ request: TestHTTPServer.Request) -> TestHTTPServer.Response {
        let method = request.query["method"] ?? ""
        counters.lock()
        counts[method, default: 0] += 1
        let attempt = counts[method]!
        counters.unlock()
        if let fault = faults[method]?[attempt] { return fault }
        if let (user, password) = basicAuth {
            let expected = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
            if request.headers["authorization"] != expected { return .init(status: 401, body: "<error>unauthorized</error>") }
        }
        guard request.path.hasSuffix("/gocdbpi/private/") else { return .init(status: 404, body: "no such path \(request.path)") }
        let scope = request.query["scope"] ?? ""
        let wanted = Set(scope.split(separator: ",").map(String.init))
        let inScope: ([String]) -> Bool = { wanted.isEmpty || !wanted.isDisjoint(with: $0) }
        var items: [String]
        switch method {
        case "get_site": items = sites.filter { inScope($0.scopes) }.map(Self.xml)
        case "get_service_endpoint": items = endpoints.filter { inScope($0.scopes) }.map { Self.xml($0) }
        case "get_service_group": items = groups.filter { inScope($0.scopes) }.map(Self.xml)
        case "get_downtime": return .init(body: downtimes)
        default: return .init(status: 400, body: "<error>unknown method</error>")
        }
        var meta = ""
        if let cursorText = request.query["next_cursor"] {
            // As peers.py's GOCDB: a cursor that is no number is refused; an empty one is the start.
            guard let cursor = cursorText.isEmpty ? 0 : Int(cursorText) else { return .init(status: 400, body: "<error>bad cursor</error>") }
            let page = Array(items.dropFirst(cursor).prefix(pageSize))
            let base = "https://goc.example.org/gocdbpi/private/?method=\(method)&amp;scope=\(scope)"
            meta = """
              <meta>
                <link rel="self" href="\(base)&amp;next_cursor=\(cursor)"/>
                <link rel="next" href="\(base)&amp;next_cursor=\(cursor + page.count)"/>
                <link rel="start" href="\(base)&amp;next_cursor=0"/>
                <count>\(page.count)</count>
                <max_page_size>\(pageSize)</max_page_size>
              </meta>

            """
            items = page
        }
        return .init(body: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<results>\n\(meta)\(items.joined())</results>\n")
    }

    package func requestCount(_ method: String) -> Int {
        counters.lock()
        defer { counters.unlock() }
        return counts[method] ?? 0
    }

    package static func scopesXML(_ scopes: [String], indent: String) -> String {
        "\(indent)<SCOPES>\n" + scopes.map { "\(indent)  <SCOPE>\($0)</SCOPE>\n" }.joined() + "\(indent)</SCOPES>\n"
    }

    package static func xml(_ site: Site) -> String {
        """
          <SITE ID="1" PRIMARY_KEY="\(site.name)-pk" NAME="\(site.name)">
            <PRIMARY_KEY>\(site.name)-pk</PRIMARY_KEY>
            <SHORT_NAME>\(site.name)</SHORT_NAME>
            <OFFICIAL_NAME>Official &amp; long name of \(site.name)</OFFICIAL_NAME>
            <ROC>\(site.ngi)</ROC>
            <PRODUCTION_INFRASTRUCTURE>\(site.infrastructure)</PRODUCTION_INFRASTRUCTURE>
            <CERTIFICATION_STATUS>\(site.certification)</CERTIFICATION_STATUS>
        \(scopesXML(site.scopes, indent: "    "))    <EXTENSIONS/>
          </SITE>

        """
    }

    package static func xml(_ endpoint: Endpoint, indent: String = "  ") -> String {
        let i = indent
        return "\(i)<SERVICE_ENDPOINT PRIMARY_KEY=\"\(endpoint.key)\">\n\(i)  <PRIMARY_KEY>\(endpoint.key)</PRIMARY_KEY>\n"
            + "\(i)  <HOSTNAME>\(endpoint.hostname)</HOSTNAME>\n\(i)  <SERVICE_TYPE>\(endpoint.service)</SERVICE_TYPE>\n"
            + "\(i)  <CORE/>\n\(i)  <IN_PRODUCTION>\(endpoint.production)</IN_PRODUCTION>\n"
            + "\(i)  <NODE_MONITORED>\(endpoint.monitored)</NODE_MONITORED>\n\(i)  <SITENAME>\(endpoint.site)</SITENAME>\n"
            + "\(i)  <URL>https://\(endpoint.hostname)/a?b=1&amp;c=2</URL>\n"
            + scopesXML(endpoint.scopes, indent: i + "  ") + "\(i)  <EXTENSIONS/>\n\(i)</SERVICE_ENDPOINT>\n"
    }

    package static func xml(_ group: Group) -> String {
        "  <SERVICE_GROUP PRIMARY_KEY=\"\(group.name)-pk\">\n    <NAME>\(group.name)</NAME>\n"
            + "    <MONITORED>\(group.monitored)</MONITORED>\n"
            + group.endpoints.map { xml($0, indent: "    ") }.joined()
            + scopesXML(group.scopes, indent: "    ") + "  </SERVICE_GROUP>\n"
    }
}

extension FakeGocdb {
    /// A small EGI: five sites of three NGIs, their endpoints, three service groups.
    package static func egi() -> FakeGocdb {
        let gocdb = FakeGocdb()
        gocdb.sites = [
            .init(name: "SITE-A", ngi: "NGI_DE"),
            .init(name: "SITE-B", ngi: "NGI_DE", certification: "Uncertified"),
            .init(name: "SITE-C", ngi: "NGI_IT", infrastructure: "Test", scopes: ["EGI", "Local"]),
            .init(name: "SITE-D", ngi: "NGI_IT", scopes: ["Local"]),
            .init(name: "egee.srce.hr", ngi: "NGI_HR", certification: "Candidate"),
        ]
        gocdb.endpoints = [
            .init(hostname: "ce.a.org", service: "ARC-CE", site: "SITE-A"),
            .init(hostname: "se.a.org", service: "SRM", site: "SITE-A", production: "N"),
            .init(hostname: "bdii.b.org", service: "Site-BDII", site: "SITE-B", monitored: "N"),
            .init(hostname: "ce.c.org", service: "CREAM-CE", site: "SITE-C", scopes: ["EGI", "Local"]),
            .init(hostname: "ui.d.org", service: "UI", site: "SITE-D", scopes: ["Local"]),
            .init(hostname: "ce.srce.hr", service: "ARC-CE", site: "egee.srce.hr"),
            .init(hostname: "orphan.org", service: "X", site: "NO-SUCH-SITE"),
        ]
        gocdb.groups = [
            .init(name: "SG_ONE", endpoints: [.init(hostname: "vm.a.org", service: "occi", site: "SITE-A"),
                                              .init(hostname: "vm.b.org", service: "nova", site: "SITE-B", production: "N")]),
            .init(name: "SG_TWO", monitored: "False", scopes: ["Local"], endpoints: [.init(hostname: "x.org", service: "webdav", site: "SITE-C", monitored: "False")]),
            .init(name: "SG_THREE", monitored: "True", scopes: ["EGI", "Local"], endpoints: [.init(hostname: "y.org", service: "xrootd", site: "SITE-D")]),
        ]
        return gocdb
    }
}
