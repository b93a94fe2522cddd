import Foundation
import XCTest

/// A CA, a server and a client certificate made with the openssl CLI.
package struct TestPKI {
    package let directory = TempDirectory()
    package var caCert: String { directory.file("ca.pem") }
    package var otherCACert: String { directory.file("other-ca.pem") }
    package var serverCert: String { directory.file("server.pem") }
    package var serverKey: String { directory.file("server.key") }
    package var clientCert: String { directory.file("client.pem") }
    package var clientKey: String { directory.file("client.key") }

    package init() throws {
        let d = directory.path
        directory.write("san.ext", "subjectAltName=DNS:localhost,IP:127.0.0.1\n")
        let script = """
        set -e
        cd \(d)
        for ca in ca other-ca; do
          openssl req -x509 -newkey rsa:2048 -nodes -keyout $ca.key -out $ca.pem -days 2 -subj "/CN=Test $ca" 2>/dev/null
        done
        for who in server client; do
          openssl req -newkey rsa:2048 -nodes -keyout $who.key -out $who.csr -subj "/CN=$who.test" 2>/dev/null
          openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out $who.pem -days 2 -extfile san.ext 2>/dev/null
        done
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw POSIXError(.EIO) }
    }

    /// Starts Fixtures/tls_server.py serving `body`; returns the process and its port.
    package func startServer(body: String, tokenOnly: Bool = false) throws -> (Process, Int) {
        let bodyFile = directory.write("body.xml", body)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", Paths.fixture("tls_server.py").path, serverCert, serverKey, caCert, bodyFile]
            + (tokenOnly ? ["--token-only"] : [])
        let output = Pipe()
        server.standardOutput = output
        try server.run()
        let portLine = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        return (server, try XCTUnwrap(Int(portLine.trimmingCharacters(in: .whitespacesAndNewlines)), portLine))
    }
}

/// gzip via the system's gzip, for Content-Encoding tests.
package func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let directory = TempDirectory()
    let path = directory.file("data")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-9", path]
    try process.run()
    process.waitUntilExit()
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + ".gz")))
}
