import Foundation
import XCTest

/// `shared/tools/peers.py` on a free loopback port: what the fakes of this
/// library are held against (it answers as GOCDB, AMS and argo-web-api do,
/// per `shared/spec/`). Skips the test where the workplace's shared/ tools
/// are not beside the checkout.
package final class Peers {
    package let port: Int
    private let process: Process

    /// `arguments`: peers.py's options (`--webapi-token T`, `--ams-token T`);
    /// `feeds`: the folder it serves GOCDB, VAPOR and POEM from (empty when not given).
    package init(_ arguments: [String], feeds: TempDirectory = TempDirectory()) throws {
        let script = ProcessInfo.processInfo.environment["ARGO_SHARED_TOOLS"].map { "\($0)/peers.py" }
            ?? Paths.root.deletingLastPathComponent().appendingPathComponent("shared/tools/peers.py").path
        guard FileManager.default.fileExists(atPath: script) else { throw XCTSkip("no peers.py at \(script)") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, feeds.path, "--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = [UInt8]()
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") { line.append(byte) }
        guard let port = String(decoding: line, as: UTF8.self).split(separator: ":").last.flatMap({ Int($0) }) else {
            process.terminate()
            throw XCTSkip("peers.py did not start: \(String(decoding: line, as: UTF8.self))")
        }
        self.port = port
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}

/// One HTTP/1.1 request on its own connection to 127.0.0.1:`port`, with
/// `headers` as given (no others but Host, Connection and Content-Length):
/// the status and the body as sent. For holding a fake and peers.py to the
/// same requests, byte for byte.
package func rawHTTP(_ port: Int, _ method: String, _ target: String, headers: [String] = [], body: String? = nil) throws -> (status: Int, body: [UInt8]) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw XCTSkip("cannot connect to 127.0.0.1:\(port)") }
    let payload = Array((body ?? "").utf8)
    let head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        + headers.map { "\($0)\r\n" }.joined() + "Content-Length: \(payload.count)\r\n\r\n"
    let request = Array(head.utf8) + payload
    _ = request.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    var answer = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = read(fd, &buffer, buffer.count)
        if count <= 0 { break }
        answer += buffer[0..<count]
    }
    let text = String(decoding: answer, as: UTF8.self)
    guard let end = text.range(of: "\r\n\r\n"), let status = Int(text.split(separator: " ").dropFirst().first ?? "") else {
        XCTFail("no HTTP answer to \(method) \(target): \(text.prefix(200))")
        return (0, [])
    }
    return (status, Array(text[end.upperBound...].utf8))
}
