import ArgoModel

/// Service endpoints in compact form, the one feed that runs to a hundred
/// thousand entities: host names in one byte arena, repeated strings
/// (service type, group, scope list) as pooled ids. About 70 bytes an
/// endpoint instead of several hundred for parsed entities.
struct EndpointTable: Sendable {
    struct Row {
        var hostStart: UInt32
        var hostLength: UInt32
        var service: UInt32
        var group: UInt32
        /// The endpoint's own scopes joined by ", ".
        var scopes: UInt32
        var production: Bool
        var monitored: Bool
        /// To keep one copy of an endpoint listed twice; nil when it has none.
        var primaryKey: String?
    }

    private(set) var rows: [Row] = []
    private(set) var hostBytes: [UInt8] = []
    private(set) var pool = StringPool()
    /// Endpoints left out for a missing field, by what was missing.
    private(set) var skipped = SkippedEntities()
    var count: Int { rows.count }

    /// Adds an endpoint entity under `group`; entities without a host name,
    /// service type or group are skipped and counted.
    mutating func add(_ entity: GocdbEntity<EndpointField>, group: String?) {
        guard let hostname = entity[.hostname] else { return skipped.add("SERVICE_ENDPOINT without HOSTNAME") }
        guard let service = entity[.serviceType] else { return skipped.add("SERVICE_ENDPOINT without SERVICE_TYPE") }
        guard let group else { return skipped.add("SERVICE_ENDPOINT without SITENAME") }
        var host = hostname
        let start = UInt32(hostBytes.count)
        host.withUTF8 { hostBytes.append(contentsOf: $0) }
        rows.append(Row(hostStart: start, hostLength: UInt32(hostBytes.count) - start, service: pool.id(service),
                        group: pool.id(group), scopes: pool.id(entity.scopes.joined(separator: ", ")),
                        production: YesNo.flag(entity[.inProduction]), monitored: YesNo.flag(entity[.nodeMonitored]),
                        primaryKey: entity.primaryKey))
    }

    /// Where a fetch attempt started: rolling back to it forgets the attempt.
    struct Mark {
        let rows: Int
        let skipped: SkippedEntities
    }

    var mark: Mark { Mark(rows: rows.count, skipped: skipped) }

    mutating func rollBack(to mark: Mark) {
        skipped = mark.skipped
        guard mark.rows < rows.count else { return }
        hostBytes.removeSubrange(Int(rows[mark.rows].hostStart)...)
        rows.removeSubrange(mark.rows...)
    }

    /// The table with only the last row of each primary key (rows without
    /// one all stay). Duplicates are rare: a first pass compares 64-bit
    /// hashes only, and rows are compared exactly only when a hash repeats.
    func keepingLastCopies() -> EndpointTable {
        var hashes = Set<UInt64>(minimumCapacity: rows.count)
        var repeated = Set<UInt64>()
        for case let key? in rows.lazy.map(\.primaryKey) where !hashes.insert(FNV1a.hash(key)).inserted {
            repeated.insert(FNV1a.hash(key))
        }
        guard !repeated.isEmpty else { return self }
        var seen = Set<String>()
        var kept = rows.reversed().filter { row in
            guard let key = row.primaryKey, repeated.contains(FNV1a.hash(key)) else { return true }
            return seen.insert(key).inserted
        }
        kept.reverse()
        var copy = self
        copy.rows = kept
        return copy
    }

    func hostname(_ row: Row) -> String {
        hostBytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(row.hostStart)..<Int(row.hostStart + row.hostLength)]), as: UTF8.self)
        }
    }
}
