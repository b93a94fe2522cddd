import Glibc

/// Syslog over its local datagram socket (`/dev/log`), as the C library's
/// `syslog(3)` sends it (`<PRI>Mmm dd hh:mm:ss TAG[PID]: message`), but to
/// a socket path of our choosing, so that a container or a test may listen
/// elsewhere. A daemon that is not there drops the line, as syslog(3) does.
package final class SyslogSocket: @unchecked Sendable {
    package static let defaultPath = "/dev/log"

    private let descriptor: Int32
    private let facility: Int32
    /// `PROGRAM[PID]`, as syslog(3) tags a line with the program's name.
    private let tag: String
    /// Why no line will arrive (no daemon at the path), when so.
    private(set) var problem: String?

    init(path: String, facility: SyslogFacility, tag: String) {
        self.facility = facility.code
        self.tag = tag
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            problem = "cannot be used (\(FileDescriptor.reason(errno)))"
            return
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8.prefix(MemoryLayout.size(ofValue: address.sun_path) - 1))
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if connected != 0 { problem = "cannot be reached (\(FileDescriptor.reason(errno)))" }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    func send(_ severity: Int32, _ line: String) {
        guard descriptor >= 0 else { return }
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var stamp = [CChar](repeating: 0, count: 32)
        strftime(&stamp, stamp.count, "%b %e %H:%M:%S", &parts)
        let text = String(decoding: stamp.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let message = "<\(facility | severity)>\(text) \(tag): \(line)"
        _ = message.withCString { Glibc.send(descriptor, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }
}
