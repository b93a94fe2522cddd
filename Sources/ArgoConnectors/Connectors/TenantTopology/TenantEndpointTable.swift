import ArgoModel

/// A 2.3.1 tenant's service endpoints in compact form: each endpoint's
/// texts (host name, ID, HOSTDN, URLs, contacts, extensions) one after
/// another in one byte arena, repeated strings (service type, group,
/// scopes) pooled. A hundred thousand endpoints with contacts and
/// extensions take tens of bytes of bookkeeping each beside their text.
struct TenantEndpointTable: Sendable {
    /// The texts kept of an endpoint, in arena order.
    enum Text: Int, CaseIterable {
        case hostname, id, hostDN, url, endpointURLs, contacts, extensions
    }

    struct Row: Sendable {
        /// Where the row's texts start in the arena.
        var start: UInt32
        var service: UInt32
        var group: UInt32
        var scopes: UInt32
        var monitored: Bool
        var production: Bool
        var notificationsEnabled: Bool
        /// A service group's endpoint (type SERVICEGROUPS), else a site's.
        var inServiceGroup: Bool
    }

    /// An endpoint as the reader gave it, before it is stored.
    struct Entry {
        var hostname: String
        var id: String
        var service: String
        var group: String
        var scopes: String
        var monitored: Bool
        var production: Bool
        var notificationsEnabled: Bool
        var inServiceGroup: Bool
        var hostDN: String?
        var url: String?
        /// `info_service_endpoint_URL`, nil when there is none.
        var endpointURLs: String?
        /// CONTACT_EMAIL as given.
        var contacts: String?
        var extensions: [(key: String, value: String)]
    }

    private(set) var rows: [Row] = []
    private var arena: [UInt8] = []
    private(set) var pool = StringPool()
    /// Endpoints left out for a missing field, by what was missing.
    private(set) var skipped = SkippedEntities()
    var count: Int { rows.count }

    /// Marks a missing length: the text is absent (not empty).
    private static let absent = UInt32.max
    /// Between keys and values of the extensions text: XML cannot hold NUL.
    static let separator: UInt8 = 0

    mutating func skip(_ reason: String) { skipped.add(reason) }

    /// Adds an endpoint (repeated ones are folded by `foldingRepeatedIDs`).
    mutating func add(_ entry: Entry) {
        let row = Row(start: UInt32(arena.count), service: pool.id(entry.service), group: pool.id(entry.group),
                      scopes: pool.id(entry.scopes), monitored: entry.monitored, production: entry.production,
                      notificationsEnabled: entry.notificationsEnabled, inServiceGroup: entry.inServiceGroup)
        for text in [entry.hostname, entry.id, entry.hostDN, entry.url, entry.endpointURLs, entry.contacts] {
            append(text)
        }
        append(entry.extensions.isEmpty ? nil : entry.extensions.map { $0.key + "\u{0}" + $0.value }.joined(separator: "\u{0}"))
        rows.append(row)
    }

    /// Where a fetch attempt started: rolling back to it forgets the attempt.
    struct Mark {
        let rows: Int
        let arena: Int
        let skipped: SkippedEntities
    }

    var mark: Mark { Mark(rows: rows.count, arena: arena.count, skipped: skipped) }

    mutating func rollBack(to mark: Mark) {
        rows.removeSubrange(mark.rows...)
        arena.removeSubrange(mark.arena...)
        skipped = mark.skipped
    }

    /// Each ID once: a later copy's values where the first copy stood (2.3.1
    /// kept endpoints in a dict by ID). IDs are compared by 64-bit hash
    /// first, exactly only when a hash repeats.
    func foldingRepeatedIDs() -> TenantEndpointTable {
        var first: [UInt64: Int] = Dictionary(minimumCapacity: rows.count)
        var copy = self
        var dropped = Set<Int>()
        for index in rows.indices {
            let id = text(.id, of: rows[index]) ?? ""
            let hash = FNV1a.hash(id)
            // Another ID of the same hash (never seen in practice) stays a row of its own.
            if let earlier = first[hash] {
                if text(.id, of: rows[earlier]) == id {
                    copy.rows[earlier] = rows[index]
                    dropped.insert(index)
                }
            } else {
                first[hash] = index
            }
        }
        guard !dropped.isEmpty else { return self }
        copy.rows = copy.rows.indices.filter { !dropped.contains($0) }.map { copy.rows[$0] }
        return copy
    }

    private mutating func append(_ text: String?) {
        guard var text else { return appendLength(Self.absent) }
        appendLength(UInt32(text.utf8.count))
        text.withUTF8 { arena.append(contentsOf: $0) }
    }

    private mutating func appendLength(_ length: UInt32) {
        withUnsafeBytes(of: length.littleEndian) { arena.append(contentsOf: $0) }
    }

    /// One text of a row; nil when the endpoint had none.
    func text(_ which: Text, of row: Row) -> String? {
        arena.withUnsafeBufferPointer { bytes in
            var offset = Int(row.start)
            for index in 0...which.rawValue {
                let length = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
                offset += 4
                if index == which.rawValue {
                    guard length != Self.absent else { return nil }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + Int(length)]), as: UTF8.self)
                }
                if length != Self.absent { offset += Int(length) }
            }
            return nil
        }
    }

    /// The row's extensions as (key, value), in order.
    func extensions(of row: Row) -> [(key: String, value: String)] {
        guard let text = text(.extensions, of: row) else { return [] }
        let parts = text.split(separator: "\u{0}", omittingEmptySubsequences: false)
        return stride(from: 0, to: parts.count - 1, by: 2).map { (String(parts[$0]), String(parts[$0 + 1])) }
    }

    /// Row indexes: site endpoints by site (code-point order, stable), then
    /// service groups' endpoints as read, 2.3.1's order.
    func outputOrder() -> [Int] {
        let rank = pool.ranks()
        let siteRows = rows.indices.filter { !rows[$0].inServiceGroup }
        let sorted = siteRows.sorted { a, b in
            let (left, right) = (rank[Int(rows[a].group)], rank[Int(rows[b].group)])
            return left != right ? left < right : a < b
        }
        return sorted + rows.indices.filter { rows[$0].inServiceGroup }
    }
}

extension StringPool {
    /// Each pooled string's position in byte (code-point) order.
    func ranks() -> [Int] {
        var rank = Array(repeating: 0, count: strings.count)
        for (position, id) in strings.indices.sorted(by: { ByteOrder.less(strings[$0], strings[$1]) }).enumerated() {
            rank[id] = position
        }
        return rank
    }
}
