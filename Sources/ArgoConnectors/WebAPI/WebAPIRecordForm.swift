import ArgoModel

/// A record as the WEB-API gives it back, so that what a run would write
/// and what the WEB-API holds can be compared. The WEB-API (model.go at
/// 891096c) adds `date`; leaves out, by `omitempty`, a notification's
/// empty `contacts` and false `enabled`, a service type's empty `tags`;
/// lists `title` as `""` when never sent; and orders fields as its Go
/// structs. None of that is a difference.
package enum WebAPIRecordForm {
    /// The record without what the WEB-API adds or leaves out.
    package static func normalized(_ record: JSONValue) -> JSONValue {
        guard let members = record.objectMembers else { return record }
        return .object(members.compactMap { key, value in
            switch key {
            case "date": return nil
            case "title" where value == .string(""): return nil
            case "tags" where isEmpty(value): return nil
            case "notifications":
                guard let inner = value.objectMembers else { return (key, value) }
                return (key, .object(inner.filter { name, value in
                    !(name == "contacts" && isEmpty(value)) && !(name == "enabled" && value == .bool(false))
                }))
            default: return (key, value)
            }
        })
    }

    /// `null`, `[]` or `{}`: what Go's `omitempty` leaves out.
    private static func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .array(let items): items.isEmpty
        case .object(let members): members.isEmpty
        default: false
        }
    }

    /// Order-free text of a record: object keys sorted at every level.
    package static func canonical(_ value: JSONValue) -> String {
        switch value {
        case .object(let members):
            return "{" + members.sorted { $0.0 < $1.0 }.map { JSONWriter.serialize(.string($0.0)) + ":" + canonical($0.1) }.joined(separator: ",") + "}"
        case .array(let items):
            return "[" + items.map(canonical).joined(separator: ",") + "]"
        default:
            return JSONWriter.serialize(value)
        }
    }

    /// Whether two lists hold the same records, as multisets, once normalised.
    static func sameRecords(_ a: [JSONValue], _ b: [JSONValue]) -> Bool {
        a.count == b.count && a.map { canonical(normalized($0)) }.sorted() == b.map { canonical(normalized($0)) }.sorted()
    }
}
