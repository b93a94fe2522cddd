import ArgoModel
import ArgoSystem

/// The one way this program speaks to the ARGO WEB-API: it owns the
/// tenant's base URL and key (`x-api-key` is written nowhere else), the
/// WEB-API's two answer families (`WebAPIAnswer`), the rules of a token
/// service (no client certificate; the server verified unless `[WebAPI]
/// VerifyServerCert = False`; requests that change data never follow a
/// redirect, which `HTTPClient` enforces for every such request), and
/// reading a day back as that day's records only. Its answers are those of
/// argo-web-api at 891096c, as `shared/spec/argo-web-api.md` lists them.
package struct WebAPIClient: Sendable {
    let destination: WebAPIDestination
    private let http: any FeedTransport

    /// `http` is the run's client for feeds; the WEB-API's own rules are applied to it here.
    package init(_ destination: WebAPIDestination, http: any FeedTransport) {
        self.destination = destination
        self.http = http.forTokenService(verify: destination.verifiesServer)
    }

    private init(destination: WebAPIDestination, transport: any FeedTransport) {
        self.destination = destination
        http = transport
    }

    /// The same client deaf to the run's cancellation (putting a day back after SIGTERM).
    package func ignoringCancellation() -> WebAPIClient {
        WebAPIClient(destination: destination, transport: http.ignoringCancellation())
    }

    /// What `base` may show in logs and errors.
    var displayBase: String { RedactedURL.display(destination.base) }

    /// A resource's URL for `date`, as logs and reports may show it.
    package func displayURL(_ resource: WebAPIResource, date: RunDate) -> String {
        RedactedURL.display(destination.url(resource.rawValue, date: date))
    }

    // MARK: requests

    private func request(_ method: HTTPRequest.Method, _ url: String, body: JSONValue? = nil) -> HTTPRequest {
        var request = HTTPRequest(url: url, method: method, headers: ["Accept: application/json", "x-api-key: \(destination.token)"])
        if let body {
            request.headers.insert("Content-Type: application/json", at: 0)
            request.body = Array(JSONWriter.serialize(body).utf8)
        }
        // #18: a 204 without a body is a DELETE's success too.
        request.allowsEmptyBody = method == .delete
        return request
    }

    /// POST (or PUT) of `body`; 2xx with an answer of either family is success.
    private func write(_ method: HTTPRequest.Method, _ path: String, body: JSONValue, date: RunDate) throws {
        let url = destination.url(path, date: date)
        try WebAPIAnswer.check(try http.fetch(request(method, url, body: body)), from: url)
    }

    /// `POST resource?date=D`. A day that holds data answers 409 (a `FeedError`).
    func post(_ resource: WebAPIResource, _ records: [JSONValue], date: RunDate) throws {
        try write(.post, resource.rawValue, body: resource.body(records), date: date)
    }

    /// `POST weights?date=D` of a report's whole body (409: the name exists, for any date).
    func postWeights(_ body: JSONValue, date: RunDate) throws {
        try write(.post, WebAPIResource.weights.rawValue, body: body, date: date)
    }

    /// `PUT weights/ID?date=D`: the report's version for D, replaced whole.
    func putWeights(id: String, _ body: JSONValue, date: RunDate) throws {
        try write(.put, "\(WebAPIResource.weights.rawValue)/\(BaseURL.pathSegment(id))", body: body, date: date)
    }

    /// `DELETE resource?date=D`; false when the day held nothing (404).
    @discardableResult
    func delete(_ resource: WebAPIResource, date: RunDate) throws -> Bool {
        let url = destination.url(resource.rawValue, date: date)
        do {
            let answer = try http.fetch(request(.delete, url))
            if !answer.isEmpty { try WebAPIAnswer.check(answer, from: url) }
            return true
        } catch let error as FeedError where error.kind == .status(404) {
            return false
        }
    }

    /// `GET path` (no date): the answer's `data` list (metric profiles).
    func list(_ path: String) throws -> [JSONValue] {
        let url = destination.url(path)
        return try WebAPIAnswer.data(try http.fetch(request(.get, url)), from: url)
    }

    // MARK: reading a day back

    /// What the WEB-API holds for one day of a resource.
    package enum Day: Sendable {
        /// The day's records, as listed less their `date`.
        case held([JSONValue])
        /// The day holds nothing; `earlier` is the day a topology GET answered with instead.
        case notHeld(earlier: String?)

        /// The records, or none.
        package var records: [JSONValue] {
            if case .held(let records) = self { return records }
            return []
        }
    }

    /// The records of `date` only. A topology GET answers with the closest
    /// earlier day that holds any (each record carrying its `date`), or 404;
    /// a downtimes GET with `[{"date", "endpoints"}]`, never 404.
    package func day(_ resource: WebAPIResource, date: RunDate) throws -> Day {
        let data = try listedOnOrBefore(resource, date: date)
        let day = date.description
        let records: [JSONValue]
        if resource == .downtimes {
            guard let entry = data.first(where: { $0["date"]?.stringValue == day }) else { return .notHeld(earlier: nil) }
            records = entry["endpoints"]?.arrayValue ?? []
        } else {
            records = data.filter { $0["date"]?.stringValue == day }
            if records.isEmpty { return .notHeld(earlier: data.first?["date"]?.stringValue) }
        }
        return .held(records.map { record in record.objectMembers.map { .object($0.filter { $0.0 != "date" }) } ?? record })
    }

    /// What `GET resource?date=D` lists, each record with its `date`: the
    /// day's records, or those of the closest earlier day that holds any;
    /// none when no such day exists (404).
    func listedOnOrBefore(_ resource: WebAPIResource, date: RunDate) throws -> [JSONValue] {
        precondition(resource != .weights, "weights are read with weights(date:)")
        let url = destination.url(resource.rawValue, date: date)
        do {
            return try WebAPIAnswer.data(try http.fetch(request(.get, url)), from: url)
        } catch let error as FeedError where error.kind == .status(404) {
            return []
        }
    }

    /// One weights resource as `GET weights?date=D` lists it: its latest version dated ≤ D.
    package struct Weights: Sendable {
        let id: String
        package let name: String
        /// The version's day.
        package let date: String
        package let entry: JSONValue
    }

    /// The tenant's weights resources as of `date` (each its latest version ≤ D); without a date, as of today.
    package func weights(date: RunDate?) throws -> [Weights] {
        let url = destination.url(WebAPIResource.weights.rawValue, date: date)
        return try WebAPIAnswer.data(try http.fetch(request(.get, url)), from: url).compactMap { entry in
            guard let id = entry["id"]?.stringValue, let name = entry["name"]?.stringValue else { return nil }
            return Weights(id: id, name: name, date: entry["date"]?.stringValue ?? "", entry: entry)
        }
    }

    // MARK: errors

    /// One line: the WEB-API's own message when it sent one.
    package static func describe(_ error: Error, doing what: String) -> String {
        guard let error = error as? FeedError else { return "WEB-API \(what): \(error)" }
        guard case .status(let code) = error.kind, let message = WebAPIAnswer.message(in: error.responseBody) else {
            return "WEB-API \(what): \(error)"
        }
        return "WEB-API refused \(what): HTTP \(code) \(message)\(error.attemptsNote)"
    }
}
