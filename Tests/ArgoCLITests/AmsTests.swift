import XCTest
@testable import ArgoConnectors
@testable import ArgoModel
@testable import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

final class AmsSinkTests: XCTestCase {
    func testTopologyPublishesWhatItWritesWithPerCustomerSettings() throws {
        let gocdb = FakeGocdb.egi()
        let feed = try TestHTTPServer(handler: gocdb.respond)
        let ams = FakeAms()
        ams.tokensByProject = ["PROJ_A": "token-a", "PROJ_B": "token-b"]
        let amsServer = try TestHTTPServer(handler: ams.respond)
        let directory = TempDirectory()
        let customers = """
        [CUSTOMER_A]
        Name = A
        OutputDir = @OUT@/A
        Jobs = JOB_A
        AmsProject = PROJ_A
        AmsToken = token-a

        [CUSTOMER_B]
        Name = B
        OutputDir = @OUT@/B
        Jobs = JOB_B
        AmsProject = PROJ_B
        AmsToken = token-b
        AmsPackSingleMsg = False
        AmsBulk = 2

        [JOB_A]
        Dirname = Critical
        TopoFeed = \(feed.baseURL)/gocdbpi/

        [JOB_B]
        Dirname = Cloud
        TopoFeed = \(feed.baseURL)/gocdbpi/
        TopoFetchType = ServiceGroups
        """
        var files = ConfigFiles(in: directory, customers: customers)
        files.set("General", "PublishAms", "True")
        files.set("AMS", "Host", amsServer.baseURL)
        files.set("AMS", "Topic", "TOPIC")
        let result = runApp(["topology", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(result.status, 0, result.output)
        let schemas = Configuration.load(globalPath: directory.file("global.conf"), customerPath: directory.file("customer.conf")).0!.schemas
        for (project, report, token) in [("PROJ_A", "Critical", "token-a"), ("PROJ_B", "Cloud", "token-b")] {
            let customerDir = project == "PROJ_A" ? "A" : "B"
            for (kind, type, file) in [(OutputKind.groupOfGroups, "group_groups", "group_groups"), (.groupOfEndpoints, "group_endpoints", "group_endpoints")] {
                let messages = ams.messages.filter { $0.project == project && $0.attributes["type"] == type }
                XCTAssertTrue(messages.allSatisfy { $0.token == token && $0.attributes["report"] == report && $0.attributes["partition_date"] == "2026-11-28" })
                let decoded = messages.flatMap { message -> [AvroValue] in
                    var decoder = AvroBinaryDecoder(message.data)
                    var out: [AvroValue] = []
                    while !decoder.isAtEnd { out.append(try! decoder.decode(schemas[kind]!.schema)) }
                    return out
                }
                var fromFile: [AvroValue] = []
                let reader = try AvroContainerReader(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory.file("out/\(customerDir)/\(report)/\(file)_2026_11_28.avro")))))
                try reader.forEachRecord { fromFile.append($0) }
                XCTAssertEqual(decoded, fromFile, "\(project) \(type): AMS got exactly what the file holds")
                XCTAssertFalse(fromFile.isEmpty)
                if project == "PROJ_A" { XCTAssertEqual(messages.count, 1, "packed") } else { XCTAssertEqual(messages.count, fromFile.count, "one per record") }
            }
        }
        XCTAssertFalse(result.output.contains("token-a") || result.output.contains("token-b"))
    }

    func testAFailingAmsDoesNotStopTheFilesAndExitsOne() throws {
        let gocdb = FakeGocdb.egi()
        let feed = try TestHTTPServer(handler: gocdb.respond)
        let ams = FakeAms()
        ams.faults = Dictionary(uniqueKeysWithValues: (1...20).map { ($0, FakeAms.error(401, "Unauthorized", "UNAUTHORIZED")) })
        let amsServer = try TestHTTPServer(handler: ams.respond)
        let directory = TempDirectory()
        var files = ConfigFiles(in: directory, customers: "[CUSTOMER_A]\nName = A\nOutputDir = @OUT@\nJobs = JOB_A\n\n[JOB_A]\nDirname = Critical\nTopoFeed = \(feed.baseURL)/gocdbpi/\n")
        for (key, value) in [("Host", amsServer.baseURL), ("Token", "ams-secret-token"), ("Project", "EGI"), ("Topic", "T")] { files.set("AMS", key, value) }
        files.set("General", "PublishAms", "True")
        let result = runApp(["topology", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("ERROR topology Customer:A Job:JOB_A ams: TopologyGroupOfGroups: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("HTTP 401 Unauthorized (UNAUTHORIZED); 5 of 5 records not delivered"), result.stderr)
        XCTAssertEqual(avroLines(directory.file("out/Critical/group_groups_2026_11_28.avro")).count, 5, "the file is written regardless")
        XCTAssertFalse(result.output.contains("ams-secret-token"))
    }
}

final class ReplayTests: XCTestCase {
    func testReplayOfEveryConformanceFileDeliversTheSameRecords() throws {
        let directory = TempDirectory()
        let tokenFile = directory.write("token", "ams-secret-token\n", mode: 0o600)
        for (index, name) in ["group_endpoints_v2.avro", "group_groups_v2.avro", "downtimes_v2.avro", "downtimes_03.avro",
                              "weights_v2.avro", "poem_sync_v2.avro", "poem_sync_2017_03_02.avro"].enumerated() {
            let ams = FakeAms()
            let server = try TestHTTPServer(handler: ams.respond)
            let path = Paths.fixture("avro/\(name)").path
            let pack = index % 2 == 0
            let result = runApp(["replay", "--file", path, "--host", server.baseURL, "--project", "EGI", "--topic", "T",
                                    "--report", "Critical", "--type", "weights", "--date", "2020-02-29", "--token-file", tokenFile,
                                    "--bulk", "50"] + (pack ? [] : ["--no-pack"]))
            XCTAssertEqual(result.status, 0, result.output)
            let reader = try AvroContainerReader(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
            var expected: [AvroValue] = []
            try reader.forEachRecord { expected.append($0) }
            XCTAssertEqual(ams.decodedRecords(reader.schema.schema), expected, name)
            XCTAssertEqual(ams.messages.count, pack ? 1 : expected.count, name)
            XCTAssertEqual(ams.messages.first?.attributes["partition_date"], "2020-02-29")
            XCTAssertEqual(result.stdout, "delivered \(expected.count) records in \(pack ? 1 : expected.count) message\(pack || expected.count == 1 ? "" : "s") (\(pack ? 1 : (expected.count + 49) / 50) request\((pack ? 1 : (expected.count + 49) / 50) == 1 ? "" : "s")) to EGI/T\n")
            XCTAssertFalse(result.output.contains("ams-secret-token"))
        }
    }

    func testReplayTakesTheTokenFromTheEnvironmentAndWarnsAboutTokenOption() throws {
        let ams = FakeAms()
        let server = try TestHTTPServer(handler: ams.respond)
        let path = Paths.fixture("avro/downtimes_v2.avro").path
        let arguments = ["replay", "--file", path, "--host", server.baseURL, "--project", "EGI", "--topic", "T",
                         "--report", "R", "--type", "downtimes", "--date", "2026-11-28"]
        var environment = ProcessInfo.processInfo.environment
        environment["AMS_TOKEN"] = "ams-secret-token"
        XCTAssertEqual(runApp(arguments, variables: environment).status, 0)
        environment["AMS_TOKEN"] = nil
        let missing = runApp(arguments, variables: environment)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("needs the AMS token"), missing.stderr)
        let withOption = runApp(arguments + ["--token", "ams-secret-token"], variables: environment)
        XCTAssertEqual(withOption.status, 0)
        XCTAssertTrue(withOption.stderr.contains("--token shows the token in process lists"))
        XCTAssertFalse(withOption.output.contains("ams-secret-token"))
    }

    func testReplayWithAnotherSchemaReencodesByFieldName() throws {
        let ams = FakeAms()
        let server = try TestHTTPServer(handler: ams.respond)
        let directory = TempDirectory()
        let schema = directory.write("reordered.avsc", #"{"type": "record", "name": "weight_sites", "fields": [{"name": "weight", "type": "string"}, {"name": "site", "type": "string"}, {"name": "type", "type": "string"}]}"#)
        let result = runApp(["replay", "--file", Paths.fixture("avro/weights_v2.avro").path, "--host", server.baseURL, "--project", "EGI",
                                "--topic", "T", "--report", "R", "--type", "weights", "--date", "2026-11-28", "--schema", schema,
                                "--token", "ams-secret-token"])
        XCTAssertEqual(result.status, 0, result.output)
        let decoded = ams.decodedRecords(try AvroSchemaDocument(parsing: try String(contentsOfFile: schema, encoding: .utf8)).schema)
        XCTAssertEqual(decoded.first, .record([.string("1914"), .string("GRISU-COMETA-INFN-CT"), .string("hepspec")]))
        XCTAssertEqual(decoded.count, 342)
    }

    func testReplayOfACorruptFileFailsInOneLine() throws {
        let directory = TempDirectory()
        let bad = directory.write("bad.avro", "Obj\u{01}garbage")
        let result = runApp(["replay", "--file", bad, "--host", "127.0.0.1:1", "--project", "EGI", "--topic", "T", "--report", "R",
                                "--type", "weights", "--date", "2026-11-28", "--token", "x"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr.split(separator: "\n").filter { $0.hasPrefix("argo-connectors: \(bad): ") }.count, 1, result.stderr)
    }
}
