import Glibc
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
    }

    private(set) var rows: [Row] = []
    private(set) var hostBytes: [UInt8] = []
    private(set) var pool = StringPool()
    var count: Int { rows.count }

    /// Adds an endpoint entity under `group`; entities without a host name,
    /// service type or group are skipped.
    mutating func add(_ entity: GocdbEntity<EndpointField>, group: String?) {
        guard let group, let hostname = entity[.hostname], let service = entity[.serviceType] else { return }
        var host = hostname
        let start = UInt32(hostBytes.count)
        host.withUTF8 { hostBytes.append(contentsOf: $0) }
        rows.append(Row(hostStart: start, hostLength: UInt32(hostBytes.count) - start, service: pool.id(service),
                        group: pool.id(group), scopes: pool.id(entity.scopes.joined(separator: ", ")),
                        production: YesNo.flag(entity[.inProduction]), monitored: YesNo.flag(entity[.nodeMonitored])))
    }

    mutating func truncate(to count: Int) {
        guard count < rows.count else { return }
        hostBytes.removeSubrange(Int(rows[count].hostStart)...)
        rows.removeSubrange(count...)
    }

    func hostname(_ row: Row) -> String {
        hostBytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(row.hostStart)..<Int(row.hostStart + row.hostLength)]), as: UTF8.self)
        }
    }

    /// Byte order of two rows' host names (possibly of another table).
    func compareHosts(_ a: Row, _ other: EndpointTable, _ b: Row) -> Int32 {
        hostBytes.withUnsafeBufferPointer { mine in
            other.hostBytes.withUnsafeBufferPointer { theirs in
                let common = Int(min(a.hostLength, b.hostLength))
                let order = memcmp(mine.baseAddress! + Int(a.hostStart), theirs.baseAddress! + Int(b.hostStart), common)
                return order != 0 ? order : Int32(Int(a.hostLength) - Int(b.hostLength)).signum()
            }
        }
    }
}
