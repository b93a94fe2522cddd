import Foundation
import ArgoModel

/// A loopback ARGO WEB-API answering as the real one does: built from
/// `shared/spec/argo-web-api.md` (argo-web-api at 891096c: app/topology,
/// app/downtimes, app/weights, respond/), the same answers as
/// `shared/tools/peers.py` gives (`FakeWebAPIFidelityTests` holds the two
/// against each other on the same requests).
///
/// - topology groups, endpoints and service types: POST and DELETE answer
///   `{"message", "code"}` (no `status` object); POST of a day that holds
///   data 409; DELETE of an empty day 404 (status family); GET lists the
///   closest day ≤ D, each record with its `date`, `omitempty` applied.
/// - downtimes: status family; GET of a day never 404s.
/// - weights: resources with ids and unique names, one version per day; a
///   POST of a known name 409 (whatever the day); GET lists, of each, its
///   latest version ≤ D; PUT adds or replaces the day's version.
///
/// Test hooks change nothing of that: `faults` and `failFirst` answer
/// instead of the WEB-API, `store` plays another client's writes.
package final class FakeWebAPI {
    package struct Write: Equatable {
        package let method: String
        package let resource: String
        package let date: String
        package let tenant: String
    }

    package let tokens: Set<String>
    /// Answer 503 to this many writes first (peers.py `--webapi-fail-first`).
    package var failFirst = 0
    /// Answer every write 400 with these details.
    package var badRequest: String?
    /// Injected answers: for "METHOD resource" (`POST topology/endpoints`),
    /// the statuses to answer the next such requests with, changing nothing.
    package var faults: [String: [Int]] = [:]
    /// Answer a DELETE with 204 and no body (a proxy's way; #18 point 6).
    package var emptyDeleteAnswers = false
    /// Sees each request before it is answered (to stop a run mid-request).
    package var onRequest: ((TestHTTPServer.Request) -> Void)?
    /// "today" for a request without `date` (the WEB-API's UTC day).
    package var today = "2026-12-04"
    private let lock = NSLock()
    private var topology: [String: [JSONValue]] = [:]      // "tenant resource date" → records as posted
    private var downtimes: [String: [JSONValue]] = [:]     // "tenant date" → endpoints as posted
    /// Weights versions: "tenant date id" → the stored record.
    private var weightVersions: [String: JSONValue] = [:]
    private(set) var writes: [Write] = []
    private var nextID = 0

    package init(tokens: Set<String>) {
        self.tokens = tokens
    }

    // MARK: what the tests look at

    /// The day's body as it was posted (topology: the list; downtimes: `{"endpoints": [...]}`).
    package func body(_ tenant: String, _ resource: String, _ date: String) -> JSONValue? {
        lock.lock(); defer { lock.unlock() }
        if resource == "downtimes" { return downtimes["\(tenant) \(date)"].map { .object([("endpoints", .array($0))]) } }
        return topology["\(tenant) \(resource) \(date)"].map(JSONValue.array)
    }

    /// The weights body of report `name` stored for exactly `date`, as posted.
    package func weights(_ tenant: String, _ date: String, _ name: String) -> JSONValue? {
        lock.lock(); defer { lock.unlock() }
        guard let record = weightVersions.first(where: { $0.key.hasPrefix("\(tenant) \(date) ") && $0.value["name"]?.stringValue == name })?.value else {
            return nil
        }
        return .object(["weight_type", "group_type", "name", "groups"].map { ($0, record[$0] ?? .null) })
    }

    /// Stores a day as another client would have (not counted as a write of the run).
    package func store(_ tenant: String, _ resource: String, _ date: String, _ records: [JSONValue]) {
        lock.lock(); defer { lock.unlock() }
        if resource == "downtimes" { downtimes["\(tenant) \(date)"] = records } else { topology["\(tenant) \(resource) \(date)"] = records }
    }

    package var allWrites: [Write] { lock.lock(); defer { lock.unlock() }; return writes }

    // MARK: answers (respond.ResponseMessage and app/topology createMessageOUT)

    private func send(_ code: Int, _ body: JSONValue) -> TestHTTPServer.Response {
        .init(status: code, body: JSONWriter.serialize(body), contentType: "application/json")
    }

    /// `{"status": {"message", "code"[, "details"]}[, "data"][, "errors": [{"message", "code", "details"}]]}`.
    private func status(_ code: Int, _ message: String, data: JSONValue? = nil, details: String? = nil, errors: String? = nil) -> TestHTTPServer.Response {
        var status: [(String, JSONValue)] = [("message", .string(message)), ("code", .string("\(code)"))]
        if let details { status.append(("details", .string(details))) }
        var body: [(String, JSONValue)] = [("status", .object(status))]
        if let data { body.append(("data", data)) }
        if let errors {
            body.append(("errors", .array([.object([("message", .string(message)), ("code", .string("\(code)")), ("details", .string(errors))])])))
        }
        return send(code, .object(body))
    }

    /// `{"message", "code"}`, no status object.
    private func message(_ code: Int, _ text: String) -> TestHTTPServer.Response {
        send(code, .object([("message", .string(text)), ("code", .string("\(code)"))]))
    }

    private func notFoundQuery() -> TestHTTPServer.Response {
        status(404, "Not Found", errors: "Specific query returned no items")
    }

    package func respond(_ request: TestHTTPServer.Request) -> TestHTTPServer.Response {
        onRequest?(request)
        lock.lock(); defer { lock.unlock() }
        var path = request.path
        while path.hasSuffix("/") { path.removeLast() }
        let routes = ["topology/groups", "topology/endpoints", "topology/service-types", "downtimes", "weights"]
        guard path.hasPrefix("/api/v2/"), let resource = routes.first(where: { path == "/api/v2/\($0)" || path.hasPrefix("/api/v2/\($0)/") }) else {
            return status(404, "Not Found", errors: "resource not found")
        }
        let rest = path.dropFirst("/api/v2/\(resource)".count)
        let ident: String? = rest.isEmpty ? nil : String(rest.dropFirst())
        if let ident, ident.contains("/") { return status(404, "Not Found", errors: "resource not found") }
        let tenant = request.headers["x-api-key"] ?? ""
        guard tokens.contains(tenant) else {
            return status(401, "Unauthorized", details: "You need to provide a correct authentication token using the header 'x-api-key'")
        }
        if request.method != "GET", failFirst > 0 {
            failFirst -= 1
            return status(503, "Service Unavailable")
        }
        if request.method != "GET", let badRequest { return status(400, "Bad Request", errors: badRequest) }
        let fault = "\(request.method) \(resource)"
        if let code = faults[fault]?.first {
            faults[fault]?.removeFirst()
            return status(code, "Injected failure")
        }
        let date = request.query["date"].flatMap { $0.isEmpty ? nil : $0 } ?? today
        guard date.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil else {
            return status(400, "Bad Request", errors: "date parameter value: \(date) is not in the valid form of YYYY-MM-DD")
        }
        if ident != nil && resource != "weights" { return status(404, "Not Found", errors: "resource not found") }
        var body: JSONValue?
        if request.method == "POST" || request.method == "PUT" {
            guard let parsed = try? JSONParser.parse(request.body), Self.valid(resource, parsed) else {
                return status(400, "Bad Request", errors: "Request Body contains malformed JSON, thus rendering the Request Bad")
            }
            body = parsed
        }
        switch resource {
        case "weights": return weightsRoute(request, tenant: tenant, date: date, ident: ident, body: body)
        case "downtimes": return downtimesRoute(request.method, tenant: tenant, date: date, body: body)
        default: return topologyRoute(request.method, resource, tenant: tenant, date: date, body: body)
        }
    }

    private func log(_ method: String, _ resource: String, _ date: String, _ tenant: String) {
        writes.append(Write(method: method, resource: resource, date: date, tenant: tenant))
    }

    private func topologyRoute(_ method: String, _ resource: String, tenant: String, date: String, body: JSONValue?) -> TestHTTPServer.Response {
        let kind = ["topology/groups": "groups", "topology/endpoints": "endpoints", "topology/service-types": "service types"][resource] ?? resource
        let key = "\(tenant) \(resource) \(date)"
        switch method {
        case "GET":
            // store.GetCloseDate: the closest day ≤ D that holds any.
            let prefix = "\(tenant) \(resource) "
            guard let shown = topology.keys.filter({ $0.hasPrefix(prefix) }).map({ String($0.dropFirst(prefix.count)) }).filter({ $0 <= date }).max() else {
                return notFoundQuery()
            }
            return status(200, "Success", data: .array((topology[prefix + shown] ?? []).map { Self.listed(resource, date: shown, $0) }))
        case "DELETE":
            guard let removed = topology.removeValue(forKey: key) else { return notFoundQuery() }
            log("DELETE", resource, date, tenant)
            return emptyDeleteAnswers ? .init(status: 204, bytes: []) : message(200, "Topology of \(removed.count) \(kind) deleted for date: \(date)")
        case "POST":
            let records = body?.arrayValue ?? []
            if topology[key] != nil {
                let what = kind == "service types" ? "Topology list of service types" : "Topology"
                return message(409, "\(what) already exists for date: \(date), please either update it or delete it first!")
            }
            topology[key] = records
            log("POST", resource, date, tenant)
            return message(201, "Topology of \(records.count) \(kind) created for date: \(date)")
        default:
            return status(405, "Method Not Allowed")
        }
    }

    private func downtimesRoute(_ method: String, tenant: String, date: String, body: JSONValue?) -> TestHTTPServer.Response {
        let key = "\(tenant) \(date)"
        switch method {
        case "GET":
            let endpoints = (downtimes[key] ?? []).map(Self.listedDowntime)
            return status(200, "Success", data: .array([.object([("date", .string(date)), ("endpoints", .array(endpoints))])]))
        case "DELETE":
            guard downtimes.removeValue(forKey: key) != nil else { return status(404, "Downtimes dataset not found for date: \(date)") }
            log("DELETE", "downtimes", date, tenant)
            return emptyDeleteAnswers ? .init(status: 204, bytes: []) : status(200, "Downtimes set deleted for date: \(date)")
        case "POST":
            if downtimes[key] != nil {
                return status(409, "Downtimes already exists for date: \(date), please either update it or delete it first!")
            }
            downtimes[key] = body?["endpoints"]?.arrayValue ?? []
            log("POST", "downtimes", date, tenant)
            return status(201, "Downtimes set created for date: \(date)")
        default:
            return status(405, "Method Not Allowed")
        }
    }

    private func weightsRoute(_ request: TestHTTPServer.Request, tenant: String, date: String, ident: String?,
                              body: JSONValue?) -> TestHTTPServer.Response {
        let mine = weightVersions.filter { $0.key.hasPrefix("\(tenant) ") }
        func versionKey(_ key: String) -> (date: String, id: String) {
            let parts = key.split(separator: " ")
            return (String(parts[1]), String(parts[2]))
        }
        switch (request.method, ident) {
        case ("GET", nil):
            var latest: [String: (String, JSONValue)] = [:]
            for (key, record) in mine {
                let (day, id) = versionKey(key)
                if day <= date, latest[id].map({ day >= $0.0 }) ?? true { latest[id] = (day, record) }
            }
            return status(200, "Success", data: .array(latest.keys.sorted().compactMap { latest[$0]?.1 }))
        case ("POST", nil):
            guard let body else { return status(400, "Bad Request") }
            if mine.values.contains(where: { $0["name"] == body["name"] }) {
                return send(409, .object([("status", .object([("message", .string("Conflict")), ("code", .string("409"))])),
                                          ("errors", .array([.object([("message", .string("Conflict")), ("code", .string("409")),
                                                                      ("details", .string("Weights resource with the same name already exists"))])]))]))
            }
            nextID += 1
            let id = String(format: "%08x-0000-4000-8000-%012x", nextID, nextID)
            weightVersions["\(tenant) \(date) \(id)"] = Self.weightsRecord(id: id, date: date, body)
            log("POST", "weights", date, tenant)
            let links = JSONValue.object([("self", .string("https://\(request.headers["host"] ?? "")/api/v2/weights/\(id)"))])
            return status(201, "Weights resource succesfully created", data: .object([("id", .string(id)), ("links", links)]))
        case (_, let id?) where mine.keys.contains(where: { versionKey($0).id == id }):
            switch request.method {
            case "PUT":
                guard let body else { return status(400, "Bad Request") }
                let key = "\(tenant) \(date) \(id)"
                let isNew = weightVersions[key] == nil
                weightVersions[key] = Self.weightsRecord(id: id, date: date, body)
                log("PUT", "weights", date, tenant)
                return status(200, "Weights resource successfully updated" + (isNew ? " (new history snapshot)" : ""))
            case "DELETE":
                for key in mine.keys where versionKey(key).id == id { weightVersions.removeValue(forKey: key) }
                log("DELETE", "weights", date, tenant)
                return status(200, "Weights resource successfully deleted")
            default:
                return status(405, "Method Not Allowed")
            }
        case (_, _?):
            return status(404, "Not Found", errors: "item with the specific ID was not found on the server")
        default:
            return status(405, "Method Not Allowed")
        }
    }

    // MARK: records as the WEB-API keeps and lists them (model.go)

    private static func weightsRecord(id: String, date: String, _ body: JSONValue) -> JSONValue {
        .object([("id", .string(id)), ("date", .string(date))] + ["name", "weight_type", "group_type", "groups"].map { ($0, body[$0] ?? .null) })
    }

    /// What Go's `omitempty` keeps (and Python's truth, in peers.py): not null, false, 0, "", [] or {}.
    private static func isSet(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?, .bool(false)?, .string("")?: false
        case .number(let text)?: Double(text) != 0
        case .array(let items)?: !items.isEmpty
        case .object(let members)?: !members.isEmpty
        default: true
        }
    }

    /// Go's `Notifications{Contacts []string omitempty; Enabled bool omitempty}`.
    private static func notifications(_ value: JSONValue) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if isSet(value["contacts"]), let contacts = value["contacts"] { members.append(("contacts", contacts)) }
        if isSet(value["enabled"]) { members.append(("enabled", .bool(true))) }
        return .object(members)
    }

    /// A stored topology record as GET lists it: `date` first, Go struct field order.
    package static func listed(_ resource: String, date: String, _ record: JSONValue) -> JSONValue {
        var members: [(String, JSONValue)] = [("date", .string(date))]
        if resource == "topology/service-types" {
            members += ["name", "title", "description"].map { ($0, record[$0] ?? .string("")) }
            if isSet(record["tags"]), let tags = record["tags"] { members.append(("tags", tags)) }
            return .object(members)
        }
        let fields = resource == "topology/groups" ? ["group", "type", "subgroup"] : ["group", "type", "service", "hostname"]
        members += fields.map { ($0, record[$0] ?? .string("")) }
        if let notifications = record["notifications"], notifications.objectMembers != nil {
            members.append(("notifications", Self.notifications(notifications)))
        }
        members.append(("tags", record["tags"] ?? .null))
        return .object(members)
    }

    package static func listedDowntime(_ record: JSONValue) -> JSONValue {
        var members = ["hostname", "service", "start_time", "end_time"].map { ($0, record[$0] ?? .string("")) }
        for field in ["description", "classification", "severity"] {
            if isSet(record[field]), let value = record[field] { members.append((field, value)) }
        }
        return .object(members)
    }

    /// The shapes the WEB-API accepts (peers.py `check_webapi_body`); anything else is a 400.
    package static func valid(_ resource: String, _ body: JSONValue) -> Bool {
        func strings(_ value: JSONValue, _ keys: [String]) -> Bool { value.objectMembers != nil && keys.allSatisfy { value[$0]?.stringValue != nil } }
        func tags(_ value: JSONValue) -> Bool {
            guard let tags = value["tags"] else { return true }
            return tags.objectMembers?.allSatisfy { $0.1.stringValue != nil } ?? false
        }
        switch resource {
        case "topology/groups": return body.arrayValue?.allSatisfy { strings($0, ["type", "group", "subgroup"]) && tags($0) } ?? false
        case "topology/endpoints": return body.arrayValue?.allSatisfy { strings($0, ["type", "group", "service", "hostname"]) && tags($0) } ?? false
        case "topology/service-types": return body.arrayValue?.allSatisfy { strings($0, ["name"]) } ?? false
        case "downtimes": return body["endpoints"]?.arrayValue?.allSatisfy { strings($0, ["hostname", "service", "start_time", "end_time"]) } ?? false
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
