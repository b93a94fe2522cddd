import Foundation
import XCTest
@testable import ArgoCLI
@testable import ArgoConnectors
@testable import ArgoModel
@testable import ArgoSystem

/// Issue #13: a glitch upstream or on the host never becomes a wrong day of results.
final class GuardTests: XCTestCase {
    /// A GOCDB with `sites` sites of `perSite` endpoints each.
    static func gocdb(sites: Int, perSite: Int) throws -> TestHTTPServer {
        let siteXML = "<results>" + (0..<sites).map { "<SITE NAME=\"S\($0)\"><ROC>NGI_A</ROC></SITE>" }.joined() + "</results>"
        let endpointXML = "<results>" + (0..<sites).flatMap { site in
            (0..<perSite).map { index in
                "<SERVICE_ENDPOINT PRIMARY_KEY=\"\(site)-\(index)\"><HOSTNAME>host\(index).site\(site).example.org</HOSTNAME>"
                    + "<SERVICE_TYPE>CE</SERVICE_TYPE><IN_PRODUCTION>Y</IN_PRODUCTION><NODE_MONITORED>Y</NODE_MONITORED>"
                    + "<SITENAME>S\(site)</SITENAME></SERVICE_ENDPOINT>"
            }
        }.joined() + "</results>"
        return try TestHTTPServer { request in
            .init(body: request.query["method"] == "get_site" ? siteXML : endpointXML)
        }
    }

    private func files(_ directory: TempDirectory, feed: TestHTTPServer, outputDir: String? = nil) -> ConfigFiles {
        var customer = customerConf(jobs: [("JOB_A", "A", "TopoFeed = \(feed.baseURL)/gocdbpi/")])
        if let outputDir { customer = customer.replacingOccurrences(of: "OutputDir = @OUT@", with: "OutputDir = \(outputDir)") }
        var files = ConfigFiles(in: directory, customers: customer)
        files.set("InputState", "SaveDir", directory.file("states"))
        return files
    }

    private func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    private func temporaries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".tmp-") }
    }

    // MARK: 6. A job's outputs are replaced together or not at all

    func testADiskFillingDuringAJobLeavesAllOfItsEarlierFiles() throws {
        let disk = try SmallFilesystem(kilobytes: 512)
        let directory = TempDirectory()
        let small = try Self.gocdb(sites: 2, perSite: 2)
        let first = runBinary(["topology", "-d", "2026-11-28"] + files(directory, feed: small, outputDir: disk.path).write())
        XCTAssertEqual(first.status, 0, first.output)
        let groups = disk.path + "/A/group_groups_2026_11_28.avro", endpoints = disk.path + "/A/group_endpoints_2026_11_28.avro"
        let (groupsBefore, endpointsBefore) = (contents(groups), contents(endpoints))
        disk.fill(leaving: 24)
        // group_groups (3 sites) still fits; group_endpoints (3 000 endpoints) does not.
        let large = try Self.gocdb(sites: 3, perSite: 1000)
        let second = runBinary(["topology", "-d", "2026-11-28"] + files(directory, feed: large, outputDir: disk.path).write())
        XCTAssertEqual(second.status, 1, second.output)
        XCTAssertTrue(second.stderr.contains("No space left on device"), second.stderr)
        XCTAssertEqual(contents(groups), groupsBefore, "group_groups is not replaced while group_endpoints cannot be")
        XCTAssertEqual(contents(endpoints), endpointsBefore)
        XCTAssertEqual(temporaries(disk.path + "/A"), [])
        XCTAssertEqual(try String(contentsOfFile: directory.file("states/EGI/A/topology-ok_2026_11_28"), encoding: .utf8), "False")
    }
}
