import Glibc
import ArgoModel

/// The endpoints a job keeps, in output order, as indices into the fetched
/// tables; `group_endpoints` records are made only when written.
struct SelectedEndpoints: Sendable {
    private struct Entry {
        var group: UInt32, service: UInt32, scope: UInt32
        var table: Int32, row: Int32
        /// The host name's bytes in its table's arena, for sorting.
        var hostStart: UInt32, hostLength: UInt32
    }

    private let tables: [(scope: String?, table: EndpointTable)]
    private let type: String
    private let entries: [Entry]
    private let strings: [String]
    var count: Int { entries.count }

    init(_ tables: [(scope: String?, table: EndpointTable)], type: String, groups: Set<String>, filter: TagFilter) {
        self.tables = tables
        self.type = type
        // Rank every string that can appear (byte order), so sorting compares integers.
        var all = Set(tables.compactMap(\.scope))
        for (_, table) in tables { all.formUnion(table.pool.strings) }
        strings = all.sorted(by: ByteOrder.less)
        let rank = Dictionary(uniqueKeysWithValues: strings.enumerated().map { ($0.element, UInt32($0.offset)) })
        var entries: [Entry] = []
        for (tableIndex, (scope, table)) in tables.enumerated() {
            let poolRank = table.pool.strings.map { rank[$0]! }
            let inGroup = table.pool.strings.map(groups.contains)
            let scopeRank = scope.map { rank[$0]! }
            for (rowIndex, row) in table.rows.enumerated() where inGroup[Int(row.group)] {
                let scopeValue = scope ?? table.pool[row.scopes]
                let keep = filter.matches { tag in
                    switch tag {
                    case .scope: return scopeValue
                    case .monitored: return row.monitored ? "1" : "0"
                    case .production: return row.production ? "1" : "0"
                    default: return nil
                    }
                }
                if keep {
                    entries.append(Entry(group: poolRank[Int(row.group)], service: poolRank[Int(row.service)],
                                         scope: scopeRank ?? poolRank[Int(row.scopes)], table: Int32(tableIndex), row: Int32(rowIndex),
                                         hostStart: row.hostStart, hostLength: row.hostLength))
                }
            }
        }
        // Host names are compared as bytes in place, through pointers to the
        // tables' arenas: no table or array is copied per comparison.
        Self.withHostArenas(tables.map(\.table)[...]) { arenas in
            entries.sort { a, b in
                if a.group != b.group { return a.group < b.group }
                let common = Int(min(a.hostLength, b.hostLength))
                let order = memcmp(arenas[Int(a.table)].baseAddress! + Int(a.hostStart), arenas[Int(b.table)].baseAddress! + Int(b.hostStart), common)
                if order != 0 { return order < 0 }
                if a.hostLength != b.hostLength { return a.hostLength < b.hostLength }
                if a.service != b.service { return a.service < b.service }
                return a.scope < b.scope
            }
        }
        self.entries = entries
    }

    /// Runs `body` with the host arenas of `tables` pinned.
    private static func withHostArenas<Result>(_ tables: ArraySlice<EndpointTable>, pinned: [UnsafeBufferPointer<UInt8>] = [],
                                               _ body: ([UnsafeBufferPointer<UInt8>]) -> Result) -> Result {
        guard let first = tables.first else { return body(pinned) }
        return first.hostBytes.withUnsafeBufferPointer { arena in
            // An empty arena has no base address; no entry points into it.
            let usable = arena.baseAddress == nil ? UnsafeBufferPointer(start: UnsafePointer(bitPattern: 1), count: 0) : arena
            return withHostArenas(tables.dropFirst(), pinned: pinned + [usable], body)
        }
    }

    func record(_ index: Int) -> TopologyEndpointRecord {
        let entry = entries[index]
        let (scope, table) = tables[Int(entry.table)]
        let row = table.rows[Int(entry.row)]
        return TopologyEndpointRecord(type: type, group: strings[Int(entry.group)], service: strings[Int(entry.service)],
                                      hostname: table.hostname(row), tags: [
                                          (TopologyTag.scope.rawValue, scope ?? table.pool[row.scopes]),
                                          (TopologyTag.monitored.rawValue, row.monitored ? "1" : "0"),
                                          (TopologyTag.production.rawValue, row.production ? "1" : "0"),
                                      ])
    }
}
