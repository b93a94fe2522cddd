import XCTest
import ArgoCLI
import ArgoConnectors
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// SIGKILL while a large Avro file is being written: the final path holds
/// the old complete file or the new complete one, never a part, and the
/// next run leaves no temporary file behind.
final class CrashSafetyTests: XCTestCase {
    func testKilledWhileWritingLeavesOldOrNewFileAndNoTemporaryAfterTheNextRun() throws {
        let gocdb = FakeGocdb()
        gocdb.sites = (0..<300).map { FakeGocdb.Site(name: "SITE-\($0)", ngi: "NGI_\($0 % 7)") }
        gocdb.endpoints = (0..<30_000).map { FakeGocdb.Endpoint(hostname: "host\($0).site-\($0 % 300).example.org", service: "SRM", site: "SITE-\($0 % 300)") }
        let responses = ["get_site", "get_service_endpoint"].map { method in
            (method, gocdb.respond(TestHTTPServer.Request(method: "GET", target: "/gocdbpi/private/?method=\(method)&scope=", headers: [:], body: [])))
        }
        let server = try TestHTTPServer { request in responses.first { $0.0 == request.query["method"] }!.1 }
        let directory = TempDirectory()
        let customer = customerConf(name: "X", jobs: [("JOB_X", "X", "TopoFeed = \(server.baseURL)/gocdbpi/")])
        let args = ["topology", "-d", "2026-11-28", "-q"] + ConfigFiles(in: directory, customers: customer).write()
        let folder = directory.file("out/X")
        let final = "\(folder)/group_endpoints_2026_11_28.avro"

        // The earlier run's complete file: one record.
        let schema = try AvroSchemaDocument(parsing: try String(contentsOfFile: Paths.schemas + "/group_endpoints.avsc", encoding: .utf8))
        let old = try AtomicFileWriter(path: final)
        let writer = try AvroContainerWriter(schema: schema, output: old.write)
        try writer.append(.record([.string("SITES"), .string("OLD"), .string("SRM"), .string("old.example.org"), .null]))
        try writer.finish()
        try old.commit()
        let oldBytes = try Data(contentsOf: URL(fileURLWithPath: final))

        var killedMidWrite = 0
        for attempt in 0..<12 where killedMidWrite < 3 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Paths.binary)
            process.arguments = args
            process.standardError = FileHandle.nullDevice
            try process.run()
            var sawTemporary = false
            while process.isRunning {
                let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                if entries.contains(where: { $0.hasPrefix(".group_endpoints_2026_11_28.avro.tmp-") }) {
                    // Let it write a little, at a different moment each time.
                    usleep(UInt32(attempt % 4) * 20_000)
                    kill(process.processIdentifier, SIGKILL)
                    sawTemporary = true
                    break
                }
                usleep(500)
            }
            process.waitUntilExit()
            if sawTemporary && process.terminationReason == .uncaughtSignal { killedMidWrite += 1 }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: final))
            let count = avroLines(final).count
            XCTAssertTrue(bytes == oldBytes || count == 30_000, "attempt \(attempt): the final path holds \(count) records")
            if count == 30_000 {
                // A run that completed: restore the old file to kill the next one over it.
                try oldBytes.write(to: URL(fileURLWithPath: final))
            }
        }
        XCTAssertGreaterThan(killedMidWrite, 0, "at least one run was killed while writing")

        let rerun = runApp(args)
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(),
                       ["group_endpoints_2026_11_28.avro", "group_groups_2026_11_28.avro"], "no temporary file survives the next run")
        XCTAssertEqual(avroLines(final).count, 30_000)
    }
}
