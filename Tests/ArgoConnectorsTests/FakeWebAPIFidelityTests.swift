import Foundation
import XCTest
import ArgoModel
import ArgoTestSupport

/// Issue #27, point 5: the in-process `FakeWebAPI` and `shared/tools/peers.py`
/// (which answers as argo-web-api does, per `shared/spec/argo-web-api.md`)
/// given the same requests give the same answers: status and JSON body,
/// for every route and answer family the connectors meet. So the fake the
/// suite publishes to cannot drift from the contract again. Skipped only
/// where the workplace's shared/ tools are not beside the checkout.
final class FakeWebAPIFidelityTests: XCTestCase {
    /// A JSON document compared as data: numbers as numbers (`3` = `3.0`), the
    /// `links.self` host of a created weights resource left out (each server's own).
    static func comparable(_ body: [UInt8]) -> String {
        guard let document = try? JSONParser.parse(body) else { return "not JSON: " + String(decoding: body, as: UTF8.self) }
        func walk(_ value: JSONValue) -> JSONValue {
            switch value {
            case .number(let text): return .number(Double(text).map { "\($0)" } ?? text)
            case .array(let items): return .array(items.map(walk))
            case .object(let members):
                return .object(members.sorted { $0.0 < $1.0 }.map { key, value in
                    if key == "self", let link = value.stringValue, let path = link.range(of: "/api/v2/") { return (key, .string(String(link[path.lowerBound...]))) }
                    return (key, walk(value))
                })
            default: return value
            }
        }
        return JSONWriter.serialize(walk(document))
    }

    func testTheFakeAnswersAsPeersDoesOnEveryRouteTheConnectorsUse() throws {
        let peers = try Peers(["--webapi-token", "t1", "--webapi-token", "t2"])
        let fake = FakeWebAPI(tokens: ["t1", "t2"])
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        fake.today = formatter.string(from: Date())
        let server = try TestHTTPServer(handler: fake.respond)
        let group = #"{"type": "NGI", "group": "NGI_A", "subgroup": "S1", "tags": {"scope": "EGI"}, "notifications": {"contacts": [], "enabled": false}}"#
        let endpoint = #"{"type": "SITES", "group": "S1", "service": "CE", "hostname": "ce.s1.org", "tags": {}, "notifications": {"contacts": ["a@b.c"], "enabled": true}}"#
        let bare = #"{"type": "SITES", "group": "S1", "service": "SE", "hostname": "se.s1.org"}"#
        let types = #"[{"name": "CE", "description": "compute", "tags": ["topology"]}, {"name": "X", "title": "Ex", "description": "", "tags": []}]"#
        let downtime = #"{"endpoints": [{"hostname": "ce.s1.org", "service": "CE", "start_time": "2026-11-28T08:00:00Z", "end_time": "2026-11-28T10:00:00Z"}]}"#
        let weights = #"{"weight_type": "computationpower", "group_type": "SITES", "name": "Critical", "groups": [{"name": "S1", "value": 12.5}, {"name": "S2", "value": 3}]}"#
        let weights2 = weights.replacingOccurrences(of: "12.5", with: "7")
        // (method, target, key, body) — the weights id is the first resource's on both servers.
        let id = "00000001-0000-4000-8000-000000000001"
        let requests: [(String, String, String?, String?)] = [
            ("GET", "/api/v2/topology/groups?date=2026-11-28", "t1", nil),                 // 404 status: nothing ≤ D
            ("POST", "/api/v2/topology/groups?date=2026-11-27", "t1", "[\(group)]"),        // 201 message
            ("GET", "/api/v2/topology/groups?date=2026-11-28", "t1", nil),                 // the 27th's, with its date, omitempty
            ("GET", "/api/v2/topology/groups?date=2026-11-26", "t1", nil),                 // 404
            ("GET", "/api/v2/topology/groups?date=2026-11-28", "t2", nil),                 // another tenant: 404
            ("POST", "/api/v2/topology/groups?date=2026-11-27", "t1", "[\(group)]"),        // 409 message
            ("POST", "/api/v2/topology/groups?date=2026-11-28", "t1", "[{\"type\": 1}]"),   // 400 malformed
            ("POST", "/api/v2/topology/groups?date=2026-11-28", "t1", "not json"),         // 400
            ("GET", "/api/v2/topology/groups?date=28-11-2026", "t1", nil),                 // 400 bad date
            ("POST", "/api/v2/topology/groups?date=2026-11-28", "wrong", "[]"),             // 401
            ("GET", "/api/v2/nothing", "t1", nil),                                          // 404 resource not found
            ("GET", "/api/v2/topology/groups/x", "t1", nil),                               // 404 (an id on topology)
            ("DELETE", "/api/v2/topology/groups?date=2026-11-27", "t1", nil),              // 200 message
            ("DELETE", "/api/v2/topology/groups?date=2026-11-27", "t1", nil),              // 404 status
            ("POST", "/api/v2/topology/endpoints?date=2026-11-28", "t1", "[\(endpoint), \(bare)]"),
            ("GET", "/api/v2/topology/endpoints?date=2026-11-29", "t1", nil),              // notifications kept only when sent
            ("POST", "/api/v2/topology/endpoints", "t1", "[]"),                            // no date: today
            ("GET", "/api/v2/topology/endpoints", "t1", nil),
            ("POST", "/api/v2/topology/service-types?date=2026-11-28", "t1", types),
            ("POST", "/api/v2/topology/service-types?date=2026-11-28", "t1", types),       // 409 "Topology list of service types…"
            ("GET", "/api/v2/topology/service-types?date=2026-11-28", "t1", nil),          // title "" when never sent, tags omitempty
            ("DELETE", "/api/v2/topology/service-types?date=2026-11-28", "t1", nil),
            ("GET", "/api/v2/downtimes?date=2026-11-28", "t1", nil),                       // never 404: endpoints []
            ("POST", "/api/v2/downtimes?date=2026-11-28", "t1", downtime),                 // 201 status
            ("POST", "/api/v2/downtimes?date=2026-11-28", "t1", downtime),                 // 409 status
            ("GET", "/api/v2/downtimes?date=2026-11-28", "t1", nil),
            ("DELETE", "/api/v2/downtimes?date=2026-11-28", "t1", nil),                    // 200 status
            ("DELETE", "/api/v2/downtimes?date=2026-11-28", "t1", nil),                    // 404 status
            ("POST", "/api/v2/downtimes?date=2026-11-28", "t1", #"{"endpoints": "x"}"#),   // 400
            ("POST", "/api/v2/weights?date=2026-11-27", "t1", weights),                    // 201 with id and links
            ("POST", "/api/v2/weights?date=2026-11-28", "t1", weights),                    // 409 whatever the day
            ("GET", "/api/v2/weights?date=2026-11-28", "t1", nil),                         // latest ≤ D: the 27th's
            ("GET", "/api/v2/weights?date=2026-11-26", "t1", nil),                         // none yet
            ("PUT", "/api/v2/weights/\(id)?date=2026-11-28", "t1", weights2),             // new history snapshot
            ("PUT", "/api/v2/weights/\(id)?date=2026-11-28", "t1", weights2),             // updated
            ("GET", "/api/v2/weights?date=2026-11-28", "t1", nil),
            ("GET", "/api/v2/weights?date=2026-11-27", "t1", nil),
            ("PUT", "/api/v2/weights/nope?date=2026-11-28", "t1", weights),                // 404
            ("POST", "/api/v2/weights?date=2026-11-28", "t1", #"{"name": "x", "groups": [{"name": "a", "value": "1"}]}"#),  // 400
            ("DELETE", "/api/v2/weights/\(id)", "t1", nil),
            ("GET", "/api/v2/weights?date=2026-11-28", "t1", nil),
        ]
        for (method, target, key, body) in requests {
            let headers = ["Accept: application/json"] + (key.map { ["x-api-key: \($0)"] } ?? [])
            let real = try rawHTTP(peers.port, method, target, headers: headers, body: body)
            let ours = try rawHTTP(server.port, method, target, headers: headers, body: body)
            XCTAssertEqual(ours.0, real.0, "\(method) \(target): status")
            XCTAssertEqual(Self.comparable(ours.1), Self.comparable(real.1), "\(method) \(target): body")
        }
    }
}
