import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for tests: real sockets, one
/// thread per connection, and faults a real network produces (delays,
/// resets mid-body, truncated bodies). Its state is guarded by `lock`.
package final class TestHTTPServer: @unchecked Sendable {
    package struct Request {
        package let method: String
        package let target: String
        package let headers: [String: String]
        package let body: [UInt8]

        package init(method: String, target: String, headers: [String: String], body: [UInt8]) {
            (self.method, self.target, self.headers, self.body) = (method, target, headers, body)
        }

        package var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
        package var query: [String: String] {
            guard let q = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return [:] }
            var out: [String: String] = [:]
            for pair in q.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                out[String(parts[0])] = parts.count > 1 ? String(parts[1]).removingPercentEncoding ?? String(parts[1]) : ""
            }
            return out
        }
    }

    package struct Response {
        package var status = 200
        package var headers: [(String, String)] = [("Content-Type", "application/xml")]
        package var body: [UInt8] = []
        /// Seconds to wait before answering at all.
        package var delay: Double = 0
        /// Send only this many body bytes (declaring the full length), then close.
        package var truncateAfter: Int?
        /// Reset the connection (RST) after this many body bytes.
        package var resetAfter: Int?
        /// Send the body in this many pieces, `dripInterval` seconds apart.
        package var dripPieces = 1
        package var dripInterval: Double = 0

        package init(status: Int = 200, body: String, contentType: String = "application/xml") {
            self.status = status
            self.body = Array(body.utf8)
            self.headers = [("Content-Type", contentType)]
        }

        package init(status: Int = 200, bytes: [UInt8], headers: [(String, String)] = []) {
            self.status = status
            self.body = bytes
            self.headers = headers
        }
    }

    private let listener: Int32
    package let port: Int
    private let handler: (Request) -> Response
    private let lock = NSLock()
    private var recorded: [Request] = []
    private var stopped = false

    package var baseURL: String { "http://127.0.0.1:\(port)" }
    package var requests: [Request] { lock.lock(); defer { lock.unlock() }; return recorded }

    package init(handler: @escaping (Request) -> Response) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit { stop() }

    package func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        if !wasStopped {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 { return }
            Thread.detachNewThread { [self] in serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        guard let request = readRequest(connection) else { return }
        lock.lock()
        recorded.append(request)
        lock.unlock()
        let response = handler(request)
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        var head = "HTTP/1.1 \(response.status) \(response.status == 200 ? "OK" : "Status")\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        guard send(connection, Array(head.utf8)) else { return }
        if let cut = response.resetAfter {
            _ = send(connection, Array(response.body.prefix(cut)))
            var linger = linger(l_onoff: 1, l_linger: 0)
            setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
            return
        }
        let body = Array(response.body.prefix(response.truncateAfter ?? response.body.count))
        let pieceSize = max(1, (body.count + response.dripPieces - 1) / response.dripPieces)
        for (index, start) in stride(from: 0, to: body.count, by: pieceSize).enumerated() {
            if index > 0 && response.dripInterval > 0 { Thread.sleep(forTimeInterval: response.dripInterval) }
            guard send(connection, Array(body[start..<min(body.count, start + pieceSize)])) else { return }
        }
    }

    private func send(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(connection, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    private func readRequest(_ connection: Int32) -> Request? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        while headerEnd == nil {
            let count = recv(connection, &chunk, chunk.count, 0)
            if count <= 0 { return nil }
            buffer += chunk[0..<count]
            headerEnd = find([13, 10, 13, 10], in: buffer)
        }
        let headText = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(buffer[(headerEnd! + 4)...])
        let expected = Int(headers["content-length"] ?? "0") ?? 0
        while body.count < expected {
            let count = recv(connection, &chunk, chunk.count, 0)
            if count <= 0 { break }
            body += chunk[0..<count]
        }
        return Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index..<index + needle.count].elementsEqual(needle) {
            return index
        }
        return nil
    }
}

/// A counter shared between a test and its server's handler threads.
package final class Counter {
    private let lock = NSLock()
    private var value = 0
    package init() {}
    package func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
    package var current: Int { lock.lock(); defer { lock.unlock() }; return value }
}
