import Foundation
@testable import ArgoModel

/// A loopback ARGO WEB-API as `shared/tools/peers.py` emulates it: one
/// topology, downtimes and set of weights per tenant (key) and day; a POST
/// for a day that holds data answers 409; weights by report name, with ids.
final class FakeWebAPI {
    struct Write: Equatable {
        let method: String
        let resource: String
        let date: String
        let tenant: String
    }

    let tokens: Set<String>
    /// Answer 503 to this many writes first.
    var failFirst = 0
    /// Answer every write 400 with these details.
    var badRequest: String?
    /// Injected answers: for "METHOD resource" (`POST topology/endpoints`),
    /// the statuses to answer the next such requests with, changing nothing.
    var faults: [String: [Int]] = [:]
    /// Answer a DELETE with 204 and no body.
    var emptyDeleteAnswers = false
    /// Sees each request before it is answered (to stop a run mid-request).
    var onRequest: ((TestHTTPServer.Request) -> Void)?
    /// What a GET lists for "tenant resource date" while nothing was posted (the WEB-API's own data).
    var preloaded: [String: [JSONValue]] = [:]
    private let lock = NSLock()
    private var stored: [String: JSONValue] = [:]      // "tenant resource date" → body
    private var weights: [String: (id: String, body: JSONValue)] = [:]  // "tenant date name"
    private(set) var writes: [Write] = []
    private var nextID = 0

    init(tokens: Set<String>) {
        self.tokens = tokens
    }

    func body(_ tenant: String, _ resource: String, _ date: String) -> JSONValue? {
        lock.lock(); defer { lock.unlock() }
        return resource == "weights" ? nil : stored["\(tenant) \(resource) \(date)"]
    }

    func weights(_ tenant: String, _ date: String, _ name: String) -> JSONValue? {
        lock.lock(); defer { lock.unlock() }
        return weights["\(tenant) \(date) \(name)"]?.body
    }

    var allWrites: [Write] { lock.lock(); defer { lock.unlock() }; return writes }

    private func reply(_ code: Int, _ message: String, data: String? = nil, details: String? = nil) -> TestHTTPServer.Response {
        var body = #"{"status": {"message": "\#(message)", "code": "\#(code)"}"#
        if let data { body += #", "data": \#(data)"# }
        if let details { body += #", "errors": [{"message": "\#(message)", "code": "\#(code)", "details": "\#(details)"}]"# }
        return .init(status: code, body: body + "}", contentType: "application/json")
    }

    func respond(_ request: TestHTTPServer.Request) -> TestHTTPServer.Response {
        onRequest?(request)
        lock.lock(); defer { lock.unlock() }
        let path = request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "api", parts[1] == "v2" else { return reply(404, "Not Found") }
        let rest = Array(parts[2...])
        let tenant = request.headers["x-api-key"] ?? ""
        guard tokens.contains(tenant) else { return reply(401, "Unauthorized") }
        if request.method != "GET", failFirst > 0 {
            failFirst -= 1
            return reply(503, "Service Unavailable")
        }
        if request.method != "GET", let badRequest { return reply(400, "Bad Request", details: badRequest) }
        let date = request.query["date"] ?? ""
        guard request.headers["content-type"] == "application/json" || request.method == "GET" || request.method == "DELETE" else {
            return reply(415, "Unsupported Media Type")
        }
        let fault = "\(request.method) \(rest.joined(separator: "/"))"
        if let status = faults[fault]?.first {
            faults[fault]?.removeFirst()
            return reply(status, "Injected failure")
        }
        let body = request.body.isEmpty ? nil : try? JSONParser.parse(request.body)
        if rest.first == "weights" { return weightsRoute(request.method, rest, tenant: tenant, date: date, body: body) }
        let resource = rest.joined(separator: "/")
        guard ["topology/groups", "topology/endpoints", "downtimes", "topology/service-types"].contains(resource) else { return reply(404, "Not Found") }
        let key = "\(tenant) \(resource) \(date)"
        switch request.method {
        case "GET":
            // As the WEB-API lists them: each record with the day's date added.
            let records = (resource == "downtimes" ? stored[key]?["endpoints"]?.arrayValue : stored[key]?.arrayValue) ?? preloaded[key] ?? []
            let listed = records.map { record -> JSONValue in
                guard case .object(let members) = record else { return record }
                return .object([("date", .string(date))] + members)
            }
            return reply(200, "Success", data: JSONWriter.serialize(.array(listed)))
        case "POST":
            guard let body, Self.valid(resource, body) else { return reply(400, "Bad Request", details: "\(resource): unexpected body") }
            if stored[key] != nil { return reply(409, "\(resource) already exists for date: \(date)") }
            stored[key] = body
            writes.append(Write(method: "POST", resource: resource, date: date, tenant: tenant))
            return reply(201, "created")
        case "DELETE":
            guard stored.removeValue(forKey: key) != nil else { return reply(404, "Not Found") }
            writes.append(Write(method: "DELETE", resource: resource, date: date, tenant: tenant))
            return emptyDeleteAnswers ? .init(status: 204, bytes: []) : reply(200, "Deleted")
        default:
            return reply(405, "Method Not Allowed")
        }
    }

    private func weightsRoute(_ method: String, _ rest: [String], tenant: String, date: String, body: JSONValue?) -> TestHTTPServer.Response {
        switch (method, rest.count) {
        case ("GET", 1):
            let entries = weights.filter { $0.key.hasPrefix("\(tenant) \(date) ") }.map { entry -> String in
                #"{"id": "\#(entry.value.id)", "name": "\#(entry.value.body["name"]?.stringValue ?? "")"}"#
            }
            return reply(200, "Success", data: "[" + entries.joined(separator: ", ") + "]")
        case ("POST", 1):
            guard let body, let name = body["name"]?.stringValue, Self.valid("weights", body) else {
                return reply(400, "Bad Request", details: "weights: unexpected body")
            }
            let key = "\(tenant) \(date) \(name)"
            if weights[key] != nil { return reply(409, "Weights resource with the same name already exists") }
            nextID += 1
            weights[key] = ("w\(nextID)", body)
            writes.append(Write(method: "POST", resource: "weights", date: date, tenant: tenant))
            return reply(201, "Weights resource created")
        case ("PUT", 2):
            guard let body, let entry = weights.first(where: { $0.value.id == rest[1] }) else { return reply(404, "Not Found") }
            weights[entry.key] = (rest[1], body)
            writes.append(Write(method: "PUT", resource: "weights", date: date, tenant: tenant))
            return reply(200, "Weights resource successfully updated")
        default:
            return reply(405, "Method Not Allowed")
        }
    }

    /// The shapes the WEB-API accepts.
    static func valid(_ resource: String, _ body: JSONValue) -> Bool {
        func strings(_ value: JSONValue, _ keys: [String]) -> Bool { keys.allSatisfy { value[$0]?.stringValue != nil } }
        func tags(_ value: JSONValue) -> Bool {
            guard case .object(let members)? = value["tags"] else { return value["tags"] == nil }
            return members.allSatisfy { $0.1.stringValue != nil }
        }
        switch resource {
        case "topology/groups": return body.arrayValue?.allSatisfy { strings($0, ["type", "group", "subgroup"]) && tags($0) } ?? false
        case "topology/endpoints": return body.arrayValue?.allSatisfy { strings($0, ["type", "group", "service", "hostname"]) && tags($0) } ?? false
        case "downtimes": return body["endpoints"]?.arrayValue?.allSatisfy { strings($0, ["hostname", "service", "start_time", "end_time"]) } ?? false
        case "topology/service-types":
            return body.arrayValue?.allSatisfy { strings($0, ["name", "description"]) && ($0["tags"]?.arrayValue?.allSatisfy { $0.stringValue != nil } ?? false) } ?? false
        case "weights":
            guard strings(body, ["weight_type", "group_type", "name"]), let groups = body["groups"]?.arrayValue else { return false }
            return groups.allSatisfy { group in
                guard group["name"]?.stringValue != nil, case .number? = group["value"] else { return false }
                return true
            }
        default: return false
        }
    }
}
