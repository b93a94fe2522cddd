import ArgoModel
import ArgoSystem

/// A tenant of the ARGO WEB-API: its base URL and key.
package struct WebAPIDestination: Sendable, Hashable {
    package let base: String
    /// Sent as `x-api-key`; never logged, never in a URL.
    package let token: String

    package init(host: String, token: String) {
        base = BaseURL.normalized(host)
        self.token = token
    }

    /// The customer's WEB-API, when its settings are complete.
    package init?(_ settings: WebAPISettings) {
        guard let host = settings.host, let token = settings.token else { return nil }
        self.init(host: host, token: token)
    }

    /// The URL of `path` in the tenant's v2 API, for `date` when given.
    package func url(_ path: String, date: RunDate? = nil) -> String {
        "\(base)/api/v2/\(path)" + (date.map { "?date=\($0)" } ?? "")
    }

    /// A request to one of the tenant's URLs, asking for JSON, carrying the key.
    package func request(_ url: String, method: HTTPRequest.Method = .get) -> HTTPRequest {
        HTTPRequest(url: url, method: method, headers: ["Accept: application/json", "x-api-key: \(token)"])
    }
}

/// Writes one day's data of a tenant to the WEB-API so that re-running a
/// day replaces it, never duplicates it, and a failure never leaves less
/// than the day held: the resources of one call are one unit. Each is
/// POSTed; on 409 (the day holds data) its data is first read (GET), then
/// deleted and POSTed again. When a step fails, every resource already
/// changed is put back as it was (the read data POSTed again, or a new day
/// deleted), and the error says what the WEB-API holds for the day after.
/// Putting back goes on after SIGTERM: it is what makes stopping safe.
/// 5xx, timeouts and connection errors are retried by the HTTP client;
/// answers that are not the WEB-API's JSON are refused.
package struct WebAPIPublisher: Sendable {
    let http: HTTPClient
    /// The same client without the run's cancellation, to put a day back.
    let restoring: HTTPClient
    let destination: WebAPIDestination

    package init(http: HTTPClient, destination: WebAPIDestination) {
        self.http = http
        restoring = http.ignoringCancellation()
        self.destination = destination
    }

    private func url(_ path: String, date: RunDate) -> String {
        destination.url(path, date: date)
    }

    private func request(_ method: HTTPRequest.Method, _ url: String, body: JSONValue? = nil) -> HTTPRequest {
        var request = destination.request(url, method: method)
        request.headers.insert("Content-Type: application/json", at: 0)
        request.body = body.map { Array(JSONWriter.serialize($0).utf8) }
        // The WEB-API documents no body for a DELETE's answer (a 204 is success).
        request.allowsEmptyBody = method == .delete
        return request
    }

    /// What was done to one resource, so that it can be undone.
    private enum Change {
        /// The day held nothing: undone by DELETE.
        case created(WebAPIResource)
        /// The day held `previous`: undone by DELETE and POST of it.
        case replaced(WebAPIResource, previous: [JSONValue])

        var resource: WebAPIResource {
            switch self {
            case .created(let resource), .replaced(let resource, _): resource
            }
        }
    }

    /// Makes `bodies` the day's resources (`topology/groups` with
    /// `topology/endpoints`, or `downtimes`): all of them new, or all as before.
    package func replaceDay(_ bodies: [(WebAPIResource, [JSONValue])], date: RunDate) throws {
        var done: [Change] = []
        for (resource, records) in bodies {
            do {
                done.append(try replace(resource, records: records, date: date))
            } catch let failure as StepFailure {
                var undo = done
                if let previous = failure.deletedDay { undo.append(.replaced(resource, previous: previous)) }
                throw OutputError(destination.base, failure.message + "; " + restore(undo.reversed(), date: date, all: bodies.map(\.0)))
            }
        }
    }

    /// A step that failed, and the day's data if it was already deleted.
    private struct StepFailure: Error {
        let message: String
        let deletedDay: [JSONValue]?
    }

    private func replace(_ resource: WebAPIResource, records: [JSONValue], date: RunDate) throws -> Change {
        let target = url(resource.rawValue, date: date)
        let body = resource.body(records)
        do {
            try send(.post, target, body: body, with: http)
            return .created(resource)
        } catch let error as FeedError where error.kind == .status(409) {
            // The day holds data: keep it before it is deleted.
        } catch {
            throw StepFailure(message: Self.describe(error, doing: "POST \(resource.rawValue)"), deletedDay: nil)
        }
        let previous: [JSONValue]
        do {
            previous = try read(resource, date: date, with: http)
        } catch {
            throw StepFailure(message: Self.describe(error, doing: "GET \(resource.rawValue) (to keep it before replacing it)"), deletedDay: nil)
        }
        do {
            try delete(resource, date: date, with: http)
        } catch {
            // A DELETE that failed may still have deleted: put the day back to be sure.
            throw StepFailure(message: Self.describe(error, doing: "DELETE \(resource.rawValue)"), deletedDay: previous)
        }
        do {
            try send(.post, target, body: body, with: http)
        } catch {
            throw StepFailure(message: Self.describe(error, doing: "POST \(resource.rawValue)"), deletedDay: previous)
        }
        return .replaced(resource, previous: previous)
    }

    /// Undoes `changes` (latest first); says what the WEB-API holds for the day after.
    private func restore(_ changes: [Change], date: RunDate, all: [WebAPIResource]) -> String {
        let names = all.map(\.rawValue).joined(separator: " and ")
        var problems: [String] = []
        for change in changes {
            do {
                switch change {
                case .created(let resource):
                    try delete(resource, date: date, with: restoring)
                case .replaced(let resource, let previous):
                    try? delete(resource, date: date, with: restoring)
                    if !previous.isEmpty {
                        try send(.post, url(resource.rawValue, date: date), body: resource.body(previous), with: restoring)
                    }
                }
            } catch {
                problems.append(Self.describe(error, doing: "putting back \(change.resource.rawValue)"))
            }
        }
        guard problems.isEmpty else {
            return "the WEB-API's \(names) of \(date) may be incomplete or mixed: \(problems.joined(separator: "; ")); run again to replace the day"
        }
        return changes.isEmpty ? "the WEB-API's \(names) of \(date) are unchanged" : "the WEB-API's \(names) of \(date) are back as they were"
    }

    private func delete(_ resource: WebAPIResource, date: RunDate, with client: HTTPClient) throws {
        do {
            let target = url(resource.rawValue, date: date)
            let answer = try client.fetch(request(.delete, target))
            if !answer.isEmpty { try expectStatus(answer, from: target) }
        } catch let error as FeedError where error.kind == .status(404) {
            // Nothing for the day: nothing to delete.
        }
    }

    /// The day's records of `resource`, as they can be posted again.
    private func read(_ resource: WebAPIResource, date: RunDate, with client: HTTPClient) throws -> [JSONValue] {
        let target = url(resource.rawValue, date: date)
        let answer = try client.fetch(request(.get, target))
        guard let document = try? JSONParser.parse(answer), let data = document["data"]?.arrayValue else {
            throw FeedError(kind: .content, url: RedactedURL.display(target), reason: "the answer is not the WEB-API's JSON with a data list")
        }
        return data.map(resource.postable)
    }

    /// Makes `body` the day's weights of report `name` (POST, or on 409 PUT
    /// of the report's entry: the WEB-API replaces it whole, so a failed PUT
    /// leaves the earlier weights).
    package func replaceWeights(named name: String, date: RunDate, body: JSONValue) throws {
        let target = url(WebAPIResource.weights.rawValue, date: date)
        do {
            try send(.post, target, body: body, with: http)
            return
        } catch let error as FeedError where error.kind == .status(409) {
            // The report has weights for the day: replace them.
        } catch {
            throw OutputError(destination.base, Self.describe(error, doing: "POST weights") + "; the WEB-API's weights of \(name) for \(date) are unchanged")
        }
        do {
            let existing = try JSONParser.parse(try http.fetch(request(.get, target)))
            guard let id = existing["data"]?.arrayValue?.first(where: { $0["name"]?.stringValue == name })?["id"]?.stringValue else {
                throw OutputError(RedactedURL.display(target), "WEB-API answered 409 for weights \(name) but lists no entry of that name for \(date)")
            }
            let entry = url("\(WebAPIResource.weights.rawValue)/\(BaseURL.pathSegment(id))", date: date)
            try send(.put, entry, body: body, with: http)
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(destination.base, Self.describe(error, doing: "PUT weights") + "; the WEB-API keeps the earlier weights of \(name)")
        }
    }

    /// Sends `body` to `target`; a 2xx answer must be the WEB-API's JSON.
    private func send(_ method: HTTPRequest.Method, _ target: String, body: JSONValue, with client: HTTPClient) throws {
        try expectStatus(try client.fetch(request(method, target, body: body)), from: target)
    }

    /// A 2xx answer must be the WEB-API's own JSON (`{"status": {...}}`),
    /// not a proxy's page that happens to say 200.
    private func expectStatus(_ answer: [UInt8], from target: String) throws {
        guard let document = try? JSONParser.parse(answer), case .object? = document["status"] else {
            let start = String(decoding: answer.prefix(80), as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
            throw FeedError(kind: .content, url: RedactedURL.display(target),
                            reason: "the answer is not the WEB-API's JSON (\(start.isEmpty ? "an empty body" : "'\(start)'"))")
        }
    }

    /// One line: the WEB-API's own message (`errors[0].details`, or `status.message`) when it sent one.
    static func describe(_ error: Error, doing what: String) -> String {
        guard let error = error as? FeedError else { return "WEB-API \(what): \(error)" }
        guard case .status(let code) = error.kind, let answer = try? JSONParser.parse(error.responseBody) else {
            return "WEB-API \(what): \(error)"
        }
        let details = answer["errors"]?.arrayValue?.first?["details"]?.stringValue
        let message = details ?? answer["status"]?["message"]?.stringValue ?? "HTTP \(code)"
        return "WEB-API refused \(what): HTTP \(code) \(message)\(error.attemptsNote)"
    }
}
