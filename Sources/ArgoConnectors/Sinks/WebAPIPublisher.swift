import ArgoModel
import ArgoSystem

/// A tenant of the ARGO WEB-API: its base URL and key.
package struct WebAPIDestination: Sendable, Equatable {
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
}

/// Writes one day's data of a tenant to the WEB-API so that re-running a
/// day replaces it, never duplicates it: POST, and on 409 (the day already
/// holds data) DELETE and POST again, or for weights PUT the report's entry.
/// 5xx, timeouts and connection errors are retried by the HTTP client.
package struct WebAPIPublisher: Sendable {
    let http: HTTPClient
    let destination: WebAPIDestination

    package init(http: HTTPClient, destination: WebAPIDestination) {
        self.http = http
        self.destination = destination
    }

    private func url(_ path: String, date: RunDate) -> String {
        "\(destination.base)/api/v2/\(path)?date=\(date)"
    }

    private func request(_ method: HTTPRequest.Method, _ url: String, body: JSONValue? = nil) -> HTTPRequest {
        HTTPRequest(url: url, method: method,
                    headers: ["Content-Type: application/json", "Accept: application/json", "x-api-key: \(destination.token)"],
                    body: body.map { Array(JSONWriter.serialize($0).utf8) })
    }

    /// Makes `body` the day's `resource` (`topology/groups`, `topology/endpoints`, `downtimes`).
    package func replace(_ resource: WebAPIResource, date: RunDate, body: JSONValue) throws {
        let target = url(resource.rawValue, date: date)
        do {
            _ = try http.fetch(request(.post, target, body: body))
        } catch let error as FeedError where error.kind == .status(409) {
            do {
                _ = try http.fetch(request(.delete, target))
            } catch let error as FeedError where error.kind == .status(404) {
                // Gone meanwhile: nothing to delete.
            } catch let error as FeedError {
                throw Self.refusal(error, doing: "DELETE \(resource.rawValue)")
            }
            do {
                _ = try http.fetch(request(.post, target, body: body))
            } catch let error as FeedError {
                throw Self.refusal(error, doing: "POST \(resource.rawValue)")
            }
        } catch let error as FeedError {
            throw Self.refusal(error, doing: "POST \(resource.rawValue)")
        }
    }

    /// Makes `body` the day's weights of report `name`.
    package func replaceWeights(named name: String, date: RunDate, body: JSONValue) throws {
        let target = url(WebAPIResource.weights.rawValue, date: date)
        do {
            _ = try http.fetch(request(.post, target, body: body))
        } catch let error as FeedError where error.kind == .status(409) {
            do {
                let existing = try JSONParser.parse(try http.fetch(request(.get, target)))
                guard let id = existing["data"]?.arrayValue?.first(where: { $0["name"]?.stringValue == name })?["id"]?.stringValue else {
                    throw OutputError(destination.base, "WEB-API answered 409 for weights \(name) but lists no entry of that name for \(date)")
                }
                _ = try http.fetch(request(.put, url("\(WebAPIResource.weights.rawValue)/\(BaseURL.pathSegment(id))", date: date), body: body))
            } catch let error as FeedError {
                throw Self.refusal(error, doing: "PUT weights")
            }
        } catch let error as FeedError {
            throw Self.refusal(error, doing: "POST weights")
        }
    }

    /// The WEB-API's own message (`status.message`, or `errors[0].details`) when it sent one.
    static func refusal(_ error: FeedError, doing what: String) -> OutputError {
        let tries = error.attempts > 1 ? " (after \(error.attempts) attempts)" : ""
        guard case .status(let code) = error.kind, let answer = try? JSONParser.parse(error.responseBody) else {
            return OutputError(error.url, "WEB-API \(what): \(error.reason)\(tries)")
        }
        let details = answer["errors"]?.arrayValue?.first?["details"]?.stringValue
        let message = details ?? answer["status"]?["message"]?.stringValue ?? "HTTP \(code)"
        return OutputError(error.url, "WEB-API refused \(what): HTTP \(code) \(message)\(tries)")
    }
}
