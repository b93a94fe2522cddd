import ArgoModel
import ArgoSystem

/// The two answer families of the real ARGO WEB-API (argo-web-api at
/// 891096c; `shared/spec/argo-web-api.md`): topology writes answer
/// `{"message", "code"}` (app/topology `createMessageOUT`), everything
/// else `{"status": {"message", "code"[, "details"]}[, "data"][, "errors"]}`
/// (respond `ResponseMessage`). A 2xx answer is the WEB-API's only when it
/// is a JSON object of either family: a proxy's page, an array or nothing
/// is not.
enum WebAPIAnswer {
    /// Checks a 2xx answer's body; returns the document.
    @discardableResult
    static func check(_ answer: [UInt8], from url: String) throws -> JSONValue {
        if let document = try? JSONParser.parse(answer), isFamily(document) { return document }
        let start = String(decoding: answer.prefix(80), as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
        throw FeedError(kind: .content, url: RedactedURL.display(url),
                        reason: "the answer is not the WEB-API's JSON (\(start.isEmpty ? "an empty body" : "'\(start)'"))")
    }

    /// `{"status": {...}}` or `{"message": "...", "code": "..."}`.
    static func isFamily(_ document: JSONValue) -> Bool {
        if case .object? = document["status"] { return true }
        return document["message"]?.stringValue != nil && document["code"] != nil
    }

    /// The `data` list of a GET's answer (status family; what is read is
    /// the list, checked field by field where it is used).
    static func data(_ answer: [UInt8], from url: String) throws -> [JSONValue] {
        guard let document = try? JSONParser.parse(answer), let data = document["data"]?.arrayValue else {
            try check(answer, from: url)
            throw FeedError(kind: .content, url: RedactedURL.display(url), reason: "the WEB-API's answer has no data list")
        }
        return data
    }

    /// The WEB-API's own words in a refusal: `errors[0].details`, else
    /// `status.message`, else the top-level `message`.
    static func message(in body: [UInt8]) -> String? {
        guard let answer = try? JSONParser.parse(body) else { return nil }
        return answer["errors"]?.arrayValue?.first?["details"]?.stringValue
            ?? answer["status"]?["message"]?.stringValue
            ?? answer["message"]?.stringValue
    }
}
