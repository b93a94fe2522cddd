/// Comparing two lists of ARGO records of one kind (`argo-connectors diff`):
/// records are matched by their identity, not their position; what is left
/// is added, removed, or changed (the fields that differ, old → new).
/// Records are held as compact summaries (identity text and a hash of the
/// rest), so two days of a hundred thousand endpoints fit in a few MB; only
/// the records that differ are read again in full.
package enum RecordKind: String, Sendable, CaseIterable {
    case groupOfGroups = "group_groups"
    case groupOfEndpoints = "group_endpoints"
    case downtimes
    case weights
    case metricProfiles = "metric_profiles"

    /// The fields that say which record it is.
    package var identity: [String] {
        switch self {
        case .groupOfGroups: ["type", "group", "subgroup"]
        case .groupOfEndpoints: ["type", "group", "service", "hostname"]
        case .downtimes: ["hostname", "service", "start_time"]
        case .weights: ["site"]
        case .metricProfiles: ["profile", "service", "metric"]
        }
    }

    /// The kind a record's fields say it is (either generation's shape, or the WEB-API's).
    package static func of(_ record: JSONValue) -> RecordKind? {
        guard let members = record.objectMembers else { return nil }
        let keys = Set(members.map(\.0))
        if keys.contains("subgroup") { return .groupOfGroups }
        if keys.contains("start_time") { return .downtimes }
        if keys.isSuperset(of: ["service", "hostname", "group"]) { return .groupOfEndpoints }
        if keys.contains("site") || keys.isSuperset(of: ["name", "value"]) { return .weights }
        if keys.isSuperset(of: ["profile", "metric"]) { return .metricProfiles }
        return nil
    }

    /// The record as compared: the WEB-API's `date` left out, a weight as a
    /// number (`"4600"`, `4600` and `4600.0` are one weight), the WEB-API's
    /// weights (`name`, `value`) as sites.
    package func normalized(_ record: JSONValue) -> JSONValue {
        guard var members = record.objectMembers else { return record }
        members.removeAll { $0.0 == "date" }
        if self == .weights {
            members = members.map { key, value in
                switch key {
                case "name": ("site", value)
                case "value", "weight": ("weight", Self.number(value))
                default: (key, value)
                }
            }
        }
        return .object(members)
    }

    private static func number(_ value: JSONValue) -> JSONValue {
        let text: String? = switch value {
        case .number(let literal): literal
        case .string(let literal): literal
        default: nil
        }
        guard let text, let number = Double(text.trimmingWhitespace()), number.isFinite else { return value }
        return .number(number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number))
    }

    /// `SITES SITE-A service.x host.example.org`: the identity, for reports.
    package func key(_ record: JSONValue) -> String {
        identity.map { field in
            switch record[field] {
            case .string(let text)?: text
            case let value?: JSONWriter.serialize(value)
            case nil: "-"
            }
        }.joined(separator: " ")
    }
}

/// A record reduced to what matching needs.
package struct RecordSummary: Sendable {
    package let key: String
    package let restHash: UInt64

    package init(_ record: JSONValue, kind: RecordKind) {
        let normalized = kind.normalized(record)
        key = kind.key(normalized)
        let rest = (normalized.objectMembers ?? []).filter { !kind.identity.contains($0.0) }.sorted { $0.0 < $1.0 }
        restHash = FNV1a.hash(JSONWriter.serialize(.object(rest.map { ($0.0, Self.canonical($0.1)) })))
    }

    /// Objects with their members sorted: tag order is not a difference.
    static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(members.sorted { $0.0 < $1.0 }.map { ($0.0, canonical($0.1)) })
        case .array(let items): .array(items.map(canonical))
        default: value
        }
    }
}

/// What differs between A and B, by record position in each.
package struct RecordMatch: Sendable {
    package var added: [Int] = []
    package var removed: [Int] = []
    package var changed: [(a: Int, b: Int)] = []
    package var unchanged = 0

    package var isEqual: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    /// Records of one key are paired in order (a key listed twice is two records);
    /// a pair with the same rest is unchanged, one with another is changed.
    package init(a: [RecordSummary], b: [RecordSummary]) {
        var positions: [String: [Int]] = Dictionary(minimumCapacity: a.count)
        for (index, summary) in a.enumerated() { positions[summary.key, default: []].append(index) }
        var used: [String: Int] = [:]
        for (index, summary) in b.enumerated() {
            let next = used[summary.key, default: 0]
            guard let list = positions[summary.key], next < list.count else {
                added.append(index)
                continue
            }
            used[summary.key] = next + 1
            if a[list[next]].restHash == summary.restHash { unchanged += 1 } else { changed.append((list[next], index)) }
        }
        for (key, list) in positions {
            let taken = used[key, default: 0]
            if taken < list.count { removed += list[taken...] }
        }
        removed.sort()
    }
}

/// A changed record's fields: `tags.production: "1" → "0"`.
package enum FieldChanges {
    package static func between(_ old: JSONValue, _ new: JSONValue, kind: RecordKind) -> [(field: String, old: String, new: String)] {
        let a = kind.normalized(old), b = kind.normalized(new)
        var changes: [(String, String, String)] = []
        var fields = (a.objectMembers ?? []).map(\.0)
        for (field, _) in b.objectMembers ?? [] where !fields.contains(field) { fields.append(field) }
        for field in fields where !kind.identity.contains(field) {
            let before = a[field], after = b[field]
            if case .object(let oldTags)? = before, case .object(let newTags)? = after {
                var names = oldTags.map(\.0)
                for (name, _) in newTags where !names.contains(name) { names.append(name) }
                for name in names {
                    let x = oldTags.first { $0.0 == name }?.1, y = newTags.first { $0.0 == name }?.1
                    if x.map(RecordSummary.canonical) != y.map(RecordSummary.canonical) { changes.append(("\(field).\(name)", show(x), show(y))) }
                }
            } else if before.map(RecordSummary.canonical) != after.map(RecordSummary.canonical) {
                changes.append((field, show(before), show(after)))
            }
        }
        return changes
    }

    private static func show(_ value: JSONValue?) -> String { value.map { JSONWriter.serialize($0) } ?? "(none)" }
}
