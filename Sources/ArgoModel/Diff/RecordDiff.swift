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
        // Most records need nothing: no copy for them.
        if self != .weights && !members.contains(where: { $0.0 == "date" }) { return record }
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
    func key(_ record: JSONValue) -> String {
        var key = ""
        for field in identity {
            if !key.isEmpty { key += " " }
            switch record[field] {
            case .string(let text)?: key += text
            case let value?: key += JSONWriter.serialize(value)
            case nil: key += "-"
            }
        }
        return key
    }
}

/// A record reduced to what matching needs.
package struct RecordSummary: Sendable {
    package let key: String
    let restHash: UInt64

    package init(_ record: JSONValue, kind: RecordKind) {
        let normalized = kind.normalized(record)
        key = kind.key(normalized)
        // The fields beside the identity, in name order: XOR of each field's own hash needs no sorting.
        var hash: UInt64 = 0
        for (name, value) in normalized.objectMembers ?? [] where !kind.identity.contains(name) {
            var field = FNV1a.hash(name)
            Self.mix(value, into: &field)
            hash ^= field &* FNV1a.prime
        }
        restHash = hash
    }

    /// FNV-1a over a value's structure, without making its text; an
    /// object's members count whatever their order (as `canonical` orders them).
    private static func mix(_ value: JSONValue, into hash: inout UInt64) {
        func byte(_ b: UInt8) { hash = (hash ^ UInt64(b)) &* FNV1a.prime }
        func text(_ t: String) {
            for b in t.utf8 { byte(b) }
            byte(0xFF)
        }
        switch value {
        case .null: byte(0)
        case .bool(let flag): byte(flag ? 1 : 2)
        case .number(let literal): byte(3); text(literal)
        case .string(let string): byte(4); text(string)
        case .array(let items):
            byte(5)
            for item in items { mix(item, into: &hash) }
            byte(6)
        case .object(let members):
            // Member order is no difference: each member hashed alone, combined without order.
            var combined: UInt64 = 0
            for (name, member) in members {
                var one = FNV1a.hash(name)
                mix(member, into: &one)
                combined = combined &+ (one &* FNV1a.prime)
            }
            byte(7)
            for shift in stride(from: 0, to: 64, by: 8) { byte(UInt8(truncatingIfNeeded: combined >> UInt64(shift))) }
        }
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

/// What differs between A and B, by record position in each. B's records
/// are matched one at a time as they are read (`match`), so that B is read
/// once; A's leftovers are removed (`finish`).
package struct RecordMatch: Sendable {
    package var added: [Int] = []
    package var removed: [Int] = []
    package var changed: [(a: Int, b: Int)] = []
    package var unchanged = 0

    /// A's records by key: the next one of each key not yet taken, and
    /// after each record the next of its key (-1: none), without an array per key.
    private var next: [String: Int32] = [:]
    private var following: [Int32] = []
    private var taken: [Bool] = []
    private var hashes: [UInt64] = []

    package var isEqual: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    package init(a: [RecordSummary]) {
        following = Array(repeating: -1, count: a.count)
        taken = Array(repeating: false, count: a.count)
        hashes = a.map(\.restHash)
        next.reserveCapacity(a.count)
        // Built backwards, so each key's chain runs in file order.
        for index in a.indices.reversed() {
            following[index] = next[a[index].key] ?? -1
            next[a[index].key] = Int32(index)
        }
    }

    init(a: [RecordSummary], b: [RecordSummary]) {
        self.init(a: a)
        for (index, summary) in b.enumerated() { match(summary, at: index) }
        finish()
    }

    package enum Verdict: Equatable {
        case added, unchanged
        case changed(a: Int)
    }

    /// Records of one key are paired in order (a key listed twice is two records);
    /// a pair with the same rest is unchanged, one with another is changed.
    @discardableResult
    package mutating func match(_ summary: RecordSummary, at index: Int) -> Verdict {
        guard let first = next[summary.key], first >= 0 else {
            added.append(index)
            return .added
        }
        let a = Int(first)
        next[summary.key] = following[a]
        taken[a] = true
        if hashes[a] == summary.restHash {
            unchanged += 1
            return .unchanged
        }
        changed.append((a, index))
        return .changed(a: a)
    }

    /// A's records no B record took are removed.
    package mutating func finish() {
        removed = taken.indices.filter { !taken[$0] }
        next = [:]
        following = []
    }
}

/// A changed record's fields: `tags.production: "1" → "0"`.
package enum FieldChanges {
    /// The changes as text (`(none)` for a field one side lacks), for the report.
    static func between(_ old: JSONValue, _ new: JSONValue, kind: RecordKind) -> [(field: String, old: String, new: String)] {
        values(old, new, kind: kind).map { ($0.field, show($0.old), show($0.new)) }
    }

    /// The changes as values (nil: the side lacks the field), for `--json`.
    package static func values(_ old: JSONValue, _ new: JSONValue, kind: RecordKind) -> [(field: String, old: JSONValue?, new: JSONValue?)] {
        let a = kind.normalized(old), b = kind.normalized(new)
        var changes: [(String, JSONValue?, JSONValue?)] = []
        var fields = (a.objectMembers ?? []).map(\.0)
        for (field, _) in b.objectMembers ?? [] where !fields.contains(field) { fields.append(field) }
        for field in fields where !kind.identity.contains(field) {
            let before = a[field], after = b[field]
            if case .object(let oldTags)? = before, case .object(let newTags)? = after {
                var names = oldTags.map(\.0)
                for (name, _) in newTags where !names.contains(name) { names.append(name) }
                for name in names {
                    let x = oldTags.first { $0.0 == name }?.1, y = newTags.first { $0.0 == name }?.1
                    if x.map(RecordSummary.canonical) != y.map(RecordSummary.canonical) { changes.append(("\(field).\(name)", x, y)) }
                }
            } else if before.map(RecordSummary.canonical) != after.map(RecordSummary.canonical) {
                changes.append((field, before, after))
            }
        }
        return changes
    }

    private static func show(_ value: JSONValue?) -> String { value.map { JSONWriter.serialize($0) } ?? "(none)" }
}
