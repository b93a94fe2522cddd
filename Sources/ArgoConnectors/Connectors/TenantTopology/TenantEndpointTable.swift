import ArgoModel
import Glibc

/// A 2.3.1 tenant's service endpoints in compact form: each endpoint's
/// texts (host name, ID, HOSTDN, URLs, contacts, extensions) one after
/// another in one byte arena, each after its length (a varint), the host
/// name written once (in its other texts, byte 0x01 stands for it: XML
/// text cannot hold that byte); repeated strings (service type, group,
/// scopes) pooled. A hundred thousand endpoints with contacts and
/// extensions take about 200 bytes each, and are written out from the
/// arena without becoming strings.
struct TenantEndpointTable: Sendable {
    /// Where a row's texts lie in the arena, read in one pass (nil: absent).
    /// In arena order: host name, ID (both without marks), HOSTDN, URL,
    /// endpoint URLs, contacts, then the extensions' count, keys and values.
    struct Spans {
        var hostname: Range<Int> = 0..<0
        var id: Range<Int> = 0..<0
        var hostDN: Range<Int>?
        var url: Range<Int>?
        var endpointURLs: Range<Int>?
        var contacts: Range<Int>?
        var extensions: [(key: Range<Int>, value: Range<Int>)] = []
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

    /// Stands for the row's host name inside its other texts.
    static let hostnameMark: UInt8 = 0x01

    mutating func skip(_ reason: String) { skipped.add(reason) }

    /// Adds an endpoint (repeated ones are folded by `foldingRepeatedIDs`).
    mutating func add(_ entry: Entry) {
        let row = Row(start: UInt32(arena.count), service: pool.id(entry.service), group: pool.id(entry.group),
                      scopes: pool.id(entry.scopes), monitored: entry.monitored, production: entry.production,
                      notificationsEnabled: entry.notificationsEnabled, inServiceGroup: entry.inServiceGroup)
        var hostname = entry.hostname
        hostname.withUTF8 { host in
            append(entry.hostname, host: nil)
            append(entry.id, host: nil)
            for text in [entry.hostDN, entry.url, entry.endpointURLs, entry.contacts] { append(text, host: host) }
            appendVarint(entry.extensions.count)
            for (key, value) in entry.extensions {
                append(key, host: host)
                append(value, host: host)
            }
        }
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
    /// kept endpoints in a dict by ID). IDs are compared by 64-bit hash of
    /// their bytes first, exactly only when a hash repeats; no string is made.
    func foldingRepeatedIDs() -> TenantEndpointTable {
        var first: [UInt64: Int] = Dictionary(minimumCapacity: rows.count)
        var copy = self
        var dropped = Set<Int>()
        arena.withUnsafeBufferPointer { bytes in
            let id = { (row: Row) in bytes[Self.spans(in: bytes, of: row).id] }
            for index in rows.indices {
                let hash = FNV1a.hash(bytes: id(rows[index]))
                // Another ID of the same hash (never seen in practice) stays a row of its own.
                if let earlier = first[hash] {
                    if id(rows[earlier]).elementsEqual(id(rows[index])) {
                        copy.rows[earlier] = rows[index]
                        dropped.insert(index)
                    }
                } else {
                    first[hash] = index
                }
            }
        }
        guard !dropped.isEmpty else { return self }
        copy.rows = copy.rows.indices.filter { !dropped.contains($0) }.map { copy.rows[$0] }
        return copy
    }

    /// Length + 1 as a varint (0: absent), then the bytes, `host` as the mark.
    private mutating func append(_ text: String?, host: UnsafeBufferPointer<UInt8>?) {
        guard var text else { return appendVarint(0) }
        text.withUTF8 { bytes in
            guard let host, host.count > 1, bytes.count >= host.count else {
                appendVarint(bytes.count + 1)
                return arena.append(contentsOf: bytes)
            }
            // Counted first, for the length; then copied with the marks: no copy in between.
            func eachOccurrence(_ found: (Int) -> Void) {
                var index = 0
                while index + host.count <= bytes.count {
                    if bytes[index] == host[0], memcmp(bytes.baseAddress! + index, host.baseAddress!, host.count) == 0 {
                        found(index)
                        index += host.count
                    } else {
                        index += 1
                    }
                }
            }
            var occurrences = 0
            eachOccurrence { _ in occurrences += 1 }
            appendVarint(bytes.count - occurrences * (host.count - 1) + 1)
            var copied = 0
            eachOccurrence { start in
                arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<start]))
                arena.append(Self.hostnameMark)
                copied = start + host.count
            }
            arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
    }

    private mutating func appendVarint(_ value: Int) {
        var value = UInt(value)
        while value >= 0x80 {
            arena.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        arena.append(UInt8(value))
    }

    private static func readVarint(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> Int {
        var value = 0, shift = 0
        while true {
            let byte = bytes[offset]
            offset += 1
            value |= Int(byte & 0x7F) << shift
            guard byte & 0x80 != 0 else { return value }
            shift += 7
        }
    }

    private static func readSpan(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> Range<Int>? {
        let stored = readVarint(bytes, &offset)
        guard stored > 0 else { return nil }
        defer { offset += stored - 1 }
        return offset..<offset + stored - 1
    }

    /// The arena's bytes, for reading a row's texts in place.
    func withArena<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        arena.withUnsafeBufferPointer(body)
    }

    /// Where the row's texts are, in the arena's `bytes`.
    static func spans(in bytes: UnsafeBufferPointer<UInt8>, of row: Row) -> Spans {
        var offset = Int(row.start)
        var spans = Spans()
        spans.hostname = readSpan(bytes, &offset) ?? 0..<0
        spans.id = readSpan(bytes, &offset) ?? 0..<0
        spans.hostDN = readSpan(bytes, &offset)
        spans.url = readSpan(bytes, &offset)
        spans.endpointURLs = readSpan(bytes, &offset)
        spans.contacts = readSpan(bytes, &offset)
        let count = readVarint(bytes, &offset)
        if count > 0 {
            spans.extensions.reserveCapacity(count)
            for _ in 0..<count {
                spans.extensions.append((readSpan(bytes, &offset) ?? 0..<0, readSpan(bytes, &offset) ?? 0..<0))
            }
        }
        return spans
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
