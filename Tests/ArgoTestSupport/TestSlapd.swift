import Foundation
import XCTest

/// A real OpenLDAP `slapd` (Debian's package) on a loopback port, serving
/// an LDIF of the test's own under `o=grid` with a small Glue 1.3 schema
/// (the attributes a BDII query of 2.3.1 names). Stopped when released.
package final class TestSlapd {
    package static let binary = "/usr/sbin/slapd"
    package static let loader = "/usr/sbin/slapadd"
    package let port: Int
    private let directory = TempDirectory()
    private let process = Process()

    /// Whether this machine has slapd (`make test` installs it).
    package static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// `entries`: LDIF below `o=grid` (the suffix entry is added here).
    package init(entries: String) throws {
        directory.write("glue.schema", Self.schema)
        directory.write("db/.keep", "")
        let config = directory.write("slapd.conf", """
            include /etc/ldap/schema/core.schema
            include \(directory.file("glue.schema"))
            pidfile \(directory.file("slapd.pid"))
            modulepath /usr/lib/ldap
            moduleload back_mdb
            database mdb
            maxsize 10485760
            suffix "o=grid"
            rootdn "cn=admin,o=grid"
            directory \(directory.file("db"))
            access to * by * read

            """)
        let ldif = directory.write("data.ldif", "dn: o=grid\nobjectClass: organization\no: grid\n\n" + entries)
        let load = Process()
        load.executableURL = URL(fileURLWithPath: Self.loader)
        load.arguments = ["-f", config, "-l", ldif]
        let errors = Pipe()
        load.standardError = errors
        load.standardOutput = errors
        try load.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        load.waitUntilExit()
        guard load.terminationStatus == 0 else { throw TestSlapdError(message: "slapadd: \(said)") }
        // A port free a moment ago.
        let probe = try TestHTTPServer { _ in .init(body: "") }
        port = probe.port
        probe.stop()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["-f", config, "-h", "ldap://127.0.0.1:\(port)/", "-d", "0"]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try waitUntilListening()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    private func waitUntilListening() throws {
        for _ in 0..<100 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if connected == 0 { return }
            guard process.isRunning else { throw TestSlapdError(message: "slapd exited with \(process.terminationStatus)") }
            usleep(50_000)
        }
        throw TestSlapdError(message: "slapd did not listen on port \(port)")
    }

    /// The Glue 1.3 names the tests use, under a private test arc (not Glue's OIDs).
    package static let schema: String = {
        let attributes = ["Mds-Vo-name", "GlueServiceUniqueID", "GlueServiceType", "GlueServiceEndpoint", "GlueSEUniqueID",
                          "GlueSALocalID", "GlueVOInfoLocalID", "GlueVOInfoPath", "GlueVOInfoAccessControlBaseRule"]
        let types = attributes.enumerated().map { index, name in
            "attributetype ( 1.3.6.1.4.1.99999.1.\(index + 1) NAME '\(name)' EQUALITY caseIgnoreMatch "
                + "SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )"
        }
        let classes = [
            "objectclass ( 1.3.6.1.4.1.99999.2.1 NAME 'MDS' SUP top STRUCTURAL MUST Mds-Vo-name )",
            "objectclass ( 1.3.6.1.4.1.99999.2.2 NAME 'GlueService' SUP top STRUCTURAL MUST GlueServiceUniqueID MAY ( GlueServiceType $ GlueServiceEndpoint ) )",
            "objectclass ( 1.3.6.1.4.1.99999.2.3 NAME 'GlueSE' SUP top STRUCTURAL MUST GlueSEUniqueID )",
            "objectclass ( 1.3.6.1.4.1.99999.2.4 NAME 'GlueSATop' SUP top STRUCTURAL MAY ( GlueSALocalID $ GlueVOInfoLocalID $ GlueVOInfoPath $ GlueVOInfoAccessControlBaseRule ) )",
        ]
        return (types + classes).joined(separator: "\n") + "\n"
    }()
}

package struct TestSlapdError: Error, CustomStringConvertible {
    package let message: String
    package var description: String { message }
}
