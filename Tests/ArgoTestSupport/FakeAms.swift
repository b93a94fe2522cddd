import Foundation
import XCTest
import ArgoConnectors
import ArgoModel
import ArgoSystem

/// A loopback AMS answering as `shared/tools/peers.py` does (the real
/// service's publish route: the key from `x-api-key` or `?key=`, the
/// messages' JSON and base64 checked, an empty list a no-op, message IDs
/// counted from 1); `FakeAmsFidelityTests` holds it to peers.py. It keeps
/// every accepted message and how each request carried its key, so tests
/// can check what the client sent.
package final class FakeAms {
    package struct Message {
        package let project: String
        package let topic: String
        package let token: String
        /// Whether the request carried its key in the URL (`?key=`), where logs and proxies keep it.
        package let keyInURL: Bool
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
        let keyInURL = request.query["key"] != nil
        let key = request.headers["x-api-key"] ?? request.query["key"] ?? ""
        guard key == (tokensByProject[project] ?? token) else { return Self.error(401, "Unauthorized", "UNAUTHORIZED") }
        if let maxRequestBytes, request.body.count > maxRequestBytes { return Self.error(413, "Message size too large", "INVALID_ARGUMENT") }
        // As the real AMS: a message without "data" carries "", without "attributes" none.
        guard let body = try? JSONParser.parse(request.body), let list = body["messages"]?.arrayValue else {
            return Self.error(400, "Invalid Message Arguments", "INVALID_ARGUMENT")
        }
        var batch: [Message] = []
        for item in list {
            let attributePairs: [(String, JSONValue)]
            switch item["attributes"] {
            case nil: attributePairs = []
            case .object(let pairs)?: attributePairs = pairs
            default: return Self.error(400, "Invalid Message Arguments", "INVALID_ARGUMENT")
            }
            guard item.objectMembers != nil, let encoded = item["data"].map({ $0.stringValue }) ?? "",
                  let data = Data(base64Encoded: encoded) else { return Self.error(400, "Invalid Message Arguments", "INVALID_ARGUMENT") }
            let attributes = Dictionary(attributePairs.map { ($0.0, $0.1.stringValue ?? "") }, uniquingKeysWith: { $1 })
            batch.append(Message(project: project, topic: topic, token: key, keyInURL: keyInURL, attributes: attributes, data: [UInt8](data)))
        }
        lock.lock()
        let firstID = accepted.count + 1
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
