import Foundation
import XCTest
import ArgoConnectors
import ArgoModel
import ArgoSystem

/// A loopback AMS: checks path, headers, JSON and base64 like the real
/// service, answers messageIds, and keeps every accepted message.
package final class FakeAms {
    package struct Message {
        package let project: String
        package let topic: String
        package let token: String
        package let attributes: [String: String]
        package let data: [UInt8]
    }

    package let token: String
    /// Responses to give instead of accepting, for the Nth publish request (1-based).
    package var faults: [Int: TestHTTPServer.Response] = [:]
    package var maxRequestBytes: Int?
    /// Tokens accepted per project (default: `token` for every project).
    package var tokensByProject: [String: String] = [:]
    private let lock = NSLock()
    private var accepted: [Message] = []
    private var requestCount = 0

    package init(token: String = "ams-secret-token") {
        self.token = token
    }

    package var messages: [Message] { lock.lock(); defer { lock.unlock() }; return accepted }
    package var requests: Int { lock.lock(); defer { lock.unlock() }; return requestCount }

    package static func error(_ code: Int, _ message: String, _ status: String) -> TestHTTPServer.Response {
        .init(status: code, body: #"{"error": {"code": \#(code), "message": "\#(message)", "status": "\#(status)"}}"#, contentType: "application/json")
    }

    package func respond(_ request: TestHTTPServer.Request) -> TestHTTPServer.Response {
        lock.lock()
        requestCount += 1
        let number = requestCount
        lock.unlock()
        let parts = request.path.split(separator: "/").map(String.init)
        guard request.method == "POST", parts.count == 5, parts[0] == "v1", parts[1] == "projects", parts[3] == "topics",
              parts[4].hasSuffix(":publish") else { return Self.error(404, "Not found", "NOT_FOUND") }
        let project = parts[2], topic = String(parts[4].dropLast(":publish".count))
        if let fault = faults[number] { return fault }
        let key = request.headers["x-api-key"] ?? ""
        guard key == (tokensByProject[project] ?? token), request.query["key"] == nil else { return Self.error(401, "Unauthorized", "UNAUTHORIZED") }
        guard request.headers["content-type"] == "application/json" else { return Self.error(400, "Bad content type", "INVALID_ARGUMENT") }
        if let maxRequestBytes, request.body.count > maxRequestBytes { return Self.error(413, "Message size too large", "INVALID_ARGUMENT") }
        guard let body = try? JSONParser.parse(request.body), let list = body["messages"]?.arrayValue, !list.isEmpty else {
            return Self.error(400, "Invalid Message Arguments", "INVALID_ARGUMENT")
        }
        var batch: [Message] = []
        for item in list {
            guard case .object(let attributePairs)? = item["attributes"], let encoded = item["data"]?.stringValue,
                  let data = Data(base64Encoded: encoded) else { return Self.error(400, "Invalid Message Arguments", "INVALID_ARGUMENT") }
            let attributes = Dictionary(attributePairs.map { ($0.0, $0.1.stringValue ?? "") }, uniquingKeysWith: { $1 })
            batch.append(Message(project: project, topic: topic, token: key, attributes: attributes, data: [UInt8](data)))
        }
        lock.lock()
        let firstID = accepted.count
        accepted += batch
        lock.unlock()
        let ids = (0..<batch.count).map { "\"\(firstID + $0)\"" }.joined(separator: ", ")
        return .init(body: #"{"messageIds": [\#(ids)]}"#, contentType: "application/json")
    }

    /// Every record in the accepted messages, decoded until each message's data ends.
    package func decodedRecords(_ schema: AvroSchema, file: StaticString = #filePath, line: UInt = #line) -> [AvroValue] {
        var records: [AvroValue] = []
        for message in messages {
            var decoder = AvroBinaryDecoder(message.data)
            while !decoder.isAtEnd {
                do { records.append(try decoder.decode(schema)) } catch {
                    XCTFail("undecodable message: \(error)", file: file, line: line)
                    break
                }
            }
        }
        return records
    }
}
