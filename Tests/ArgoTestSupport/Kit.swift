import Foundation
import XCTest
import ArgoModel

/// The 2.3.1 conformance kit's runs (../shared/conformance/gen2, copied to
/// Fixtures/gen2): its folders, its configuration files with the
/// placeholders filled in, and what 2.3.1 wrote and sent.
package enum Kit {
    /// A folder for a kit run, with the TLS files 2.3.1's configurations name (empty: the feeds are http).
    package static func directory() -> TempDirectory {
        let directory = TempDirectory()
        directory.write("tls/cert.pem", "")
        directory.write("tls/key.pem", "")
        return directory
    }

    /// The kit's file with its placeholders filled in (mode 600: they hold made-up secrets).
    @discardableResult
    package static func file(_ name: String, in directory: TempDirectory, feed: String = "http://127.0.0.1:9", webAPI: String = "127.0.0.1:9",
                     edit: (String) -> String = { $0 }) -> String {
        var text = Paths.fixtureText("gen2/\(name)")
        for (placeholder, value) in [("@FEED@", feed), ("@OUT@", directory.file("out")), ("@STATE@", directory.file("state")),
                                     ("@TLS@", directory.file("tls")), ("@WEBAPI_HOST@", webAPI)] {
            text = text.replacingOccurrences(of: placeholder, with: value)
        }
        return directory.write(name, edit(text), mode: 0o600)
    }

    /// The requests 2.3.1 sent, one JSON object per line (`expected/<connector>/<name>.jsonl`).
    /// The service types the kit's WEB-API listed (its `data`), as posted (without `date`).
    package static func webAPIServiceTypes() throws -> [JSONValue] {
        let listed = try JSONParser.parse(Paths.fixtureText("gen2/webapi-service-types.json"))["data"]?.arrayValue ?? []
        return listed.map { .object(($0.objectMembers ?? []).filter { $0.0 != "date" }) }
    }

    package static func requests(_ connector: String, _ name: String) -> [JSONValue] {
        Paths.fixtureText("gen2/expected/\(connector)/\(name).jsonl").split(separator: "\n").map { try! JSONParser.parse(String($0)) }
    }

    /// The body 2.3.1 sent to `resource` (`topology/groups`) in those requests.
    package static func sentBody(_ connector: String, _ name: String, _ resource: String) -> JSONValue? {
        requests(connector, name).first { $0["path"]?.stringValue == "/api/v2/\(resource)" && $0["method"]?.stringValue == "POST" }?["body"]
    }

    /// `make run`'s 2.3.1 example (config-examples/offline-2.3.1) with its
    /// outputs and state under `directory`/tenants: `[global.conf, customer.conf]`.
    package static func offlineExample(in directory: TempDirectory) -> [String] {
        let example = Paths.root.appendingPathComponent("config-examples/offline-2.3.1").path
        return ["global", "customer"].map { name -> String in
            let text = try! String(contentsOfFile: "\(example)/\(name).conf", encoding: .utf8)
                .replacingOccurrences(of: "@ROOT@/var/tenants", with: directory.file("tenants"))
                .replacingOccurrences(of: "@ROOT@", with: Paths.root.path)
            return directory.write("\(name).conf", text, mode: 0o600)
        }
    }

    /// `make install-files` into `root`, with the built binary.
    package static func install(into root: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let make = try runTool("/usr/bin/env", ["make", "-s", "-C", Paths.root.path, "install-files", "DESTDIR=\(root)", "PREFIX=/usr",
                                                "INSTALL_BIN=\(Paths.binary)"])
        XCTAssertEqual(make.status, 0, "make install-files", file: file, line: line)
    }

    /// A gzip file's content (gzip -dc).
    package static func gunzip(_ path: String) throws -> Data {
        let gunzip = try runTool("/bin/gzip", ["-dc", path])
        guard gunzip.status == 0 else { throw CocoaError(.fileReadCorruptFile) }
        return gunzip.output
    }

    /// A file as 2.3.1 wrote it.
    package static func expected(_ connector: String, _ name: String) -> Data {
        try! Data(contentsOf: Paths.fixture("gen2/expected/\(connector)/\(name)"))
    }
}

/// The kit's feed server for everything but GOCDB (README, "How the feed
/// server answered"): `/static/<name>` answers the file (query ignored),
/// `/eosc/<name>` the EOSC portal's `{"total", "from", "to", "results"}`
/// pages (`from`, `quantity`; 2 items without them), `/oidc/token` an OIDC
/// token endpoint answering refresh-token grants with numbered tokens.
package final class KitFeeds: @unchecked Sendable {
    private let lock = NSLock()
    private var tokenRequests = 0
    /// The refresh tokens the token endpoint accepts (nil: any).
    package var acceptedRefreshTokens: Set<String>?
    /// Bearer tokens the EOSC routes accept (nil: any, even none).
    package var acceptedAccessTokens: Set<String>?
    /// Files answered instead of (or besides) the fixtures: path → body.
    package var overrides: [String: TestHTTPServer.Response] = [:]

    package init() {}

    package func respond(_ request: TestHTTPServer.Request) -> TestHTTPServer.Response {
        lock.lock(); defer { lock.unlock() }
        if let answer = overrides[request.path] { return answer }
        let parts = request.path.split(separator: "/").map(String.init)
        guard parts.count == 2 else { return .init(status: 404, body: "{}") }
        switch parts[0] {
        case "static":
            guard let url = Bundle.module.url(forResource: "Fixtures/gen2/static/\(parts[1])", withExtension: nil),
                  let body = try? Data(contentsOf: url) else { return .init(status: 404, body: "not found") }
            return .init(status: 200, bytes: [UInt8](body), headers: [("Content-Type", "text/plain")])
        case "eosc":
            if let accepted = acceptedAccessTokens {
                let bearer = request.headers["authorization"].map { String($0.dropFirst("Bearer ".count)) } ?? ""
                guard accepted.contains(bearer) else { return .init(status: 401, body: #"{"error": "unauthorized"}"#, contentType: "application/json") }
            }
            return eoscPage(parts[1], query: request.query)
        case "oidc":
            let form = Dictionary(String(decoding: request.body, as: UTF8.self).split(separator: "&").map { pair -> (String, String) in
                let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                return (kv[0], kv.count > 1 ? kv[1] : "")
            }, uniquingKeysWith: { $1 })
            guard request.method == "POST", form["grant_type"] == "refresh_token" else { return .init(status: 400, body: #"{"error": "unsupported_grant_type"}"#) }
            if let accepted = acceptedRefreshTokens, !accepted.contains(form["refresh_token"] ?? "") {
                return .init(status: 400, body: #"{"error": "invalid_grant", "error_description": "Token is not active"}"#, contentType: "application/json")
            }
            tokenRequests += 1
            let n = tokenRequests
            acceptedRefreshTokens = acceptedRefreshTokens.map { _ in ["oidc-refresh-\(n)"] }
            return .init(body: #"{"access_token": "oidc-access-\#(n)", "refresh_token": "oidc-refresh-\#(n)", "token_type": "Bearer", "expires_in": 3600}"#,
                         contentType: "application/json")
        default:
            return .init(status: 404, body: "{}")
        }
    }

    private func eoscPage(_ name: String, query: [String: String]) -> TestHTTPServer.Response {
        guard let url = Bundle.module.url(forResource: "Fixtures/gen2/eosc/\(name).json", withExtension: nil),
              let document = try? JSONParser.parse([UInt8](Data(contentsOf: url))),
              let results = document["results"]?.arrayValue else { return .init(status: 404, body: "{}") }
        let from = query["from"].flatMap(Int.init) ?? 0
        let quantity = query["quantity"].flatMap(Int.init) ?? 2
        let page = Array(results.dropFirst(from).prefix(quantity))
        let body = JSONValue.object([("total", .number("\(results.count)")), ("from", .number("\(from)")),
                                     ("to", .number("\(from + page.count)")), ("results", .array(page))])
        return .init(body: JSONWriter.serialize(body), contentType: "application/json")
    }
}
