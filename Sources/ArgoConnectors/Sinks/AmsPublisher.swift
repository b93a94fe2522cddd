import ArgoModel
import ArgoSystem
import FoundationEssentials

/// Publishes Avro-encoded records: packed as one message (encodings
/// concatenated; ARGO decodes records until the data ends) or one message
/// per record, at most `bulk` per request, each record exactly once.
package struct AmsPublisher: Sendable {
    let http: any FeedTransport
    let destination: AmsDestination

    package init(http: any FeedTransport, destination: AmsDestination) {
        self.http = http
        self.destination = destination
    }

    package func publish(_ records: EncodedRecords, attributes: [(String, String)]) throws -> AmsDelivery {
        if destination.packSingleMessage {
            try send([records.bytes[...]], attributes: attributes, delivered: 0, total: records.count)
            return AmsDelivery(records: records.count, messages: 1, requests: 1)
        }
        var delivery = AmsDelivery()
        while delivery.records < records.count {
            let chunk = (delivery.records..<min(delivery.records + destination.bulk, records.count)).map { records.slice($0..<$0 + 1) }
            try send(chunk, attributes: attributes, delivered: delivery.records, total: records.count)
            delivery.records += chunk.count
            delivery.messages += chunk.count
            delivery.requests += 1
        }
        return delivery
    }

    /// One request; retried by the HTTP client as `[Connection]` says.
    /// `delivered` and `total` count records, for the error when this request fails.
    private func send(_ messages: [ArraySlice<UInt8>], attributes: [(String, String)], delivered: Int, total: Int) throws {
        let attributeObject = JSONValue.object(attributes.map { ($0.0, .string($0.1)) })
        let body = JSONValue.object([("messages", .array(messages.map { data in
            .object([("attributes", attributeObject), ("data", .string(Data(data).base64EncodedString()))])
        }))])
        let request = HTTPRequest(url: destination.publishURL, method: .post,
                                  headers: ["Content-Type: application/json", "x-api-key: \(destination.token)"],
                                  body: Array(JSONWriter.serialize(body).utf8))
        let answer: [UInt8]
        do {
            answer = try http.fetch(request)
        } catch let error as FeedError {
            throw OutputError(publishTo: error.url, Self.describe(error), delivered: delivered, undelivered: total - delivered)
        }
        let ids = (try? JSONParser.parse(answer))?["messageIds"]?.arrayValue
        guard let ids, ids.count == messages.count else {
            throw OutputError(publishTo: request.displayURL, "AMS answered without one messageId per message sent",
                              delivered: delivered, undelivered: total - delivered)
        }
    }

    /// Why the publish failed, in AMS's own words (`{"error": {"code", "message", "status"}}`) when it sent some.
    static func describe(_ error: FeedError) -> String {
        guard case .status(let code) = error.kind,
              let amsError = (try? JSONParser.parse(error.responseBody))?["error"],
              let message = amsError["message"]?.stringValue else { return error.reason + error.attemptsNote }
        let status = amsError["status"]?.stringValue.map { " (\($0))" } ?? ""
        return "AMS refused the publish: HTTP \(code) \(message)\(status)\(error.attemptsNote)"
    }
}
