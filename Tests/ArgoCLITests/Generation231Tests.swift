import Foundation
import XCTest
@testable import ArgoCLI
@testable import ArgoConnectors
@testable import ArgoModel
@testable import ArgoTestSupport

/// Issue #19: the configurations of argo-connectors 2.3.1's own conformance
/// runs (Fixtures/gen2, from ../shared/conformance/gen2/configs) are read as
/// they are; a 1.7 configuration keeps working; the 1.7 connectors refuse a
/// 2.3.1 tenant rather than fetch the wrong topology for it.
final class Generation231Tests: XCTestCase {
    static let connectors = ["topology-gocdb", "topology-csv", "topology-json", "topology-provider", "topology-agora", "topology-lot1sc",
                             "downtimes-gocdb", "downtimes-csv", "weights-vapor", "service-types-gocdb", "service-types-csv",
                             "service-types-json", "metricprofile-webapi"]
    static let phases = ["json", "webapi", "rerun", "json-compressed"]

    /// The kit's file with its placeholders filled in (mode 600: they hold made-up secrets).
    private func kitFile(_ name: String, in directory: TempDirectory, feed: String = "http://127.0.0.1:9") -> String {
        var text = Paths.fixtureText("gen2/\(name)")
        for (placeholder, value) in [("@FEED@", feed), ("@OUT@", directory.file("out")), ("@STATE@", directory.file("state")),
                                     ("@TLS@", directory.file("tls")), ("@WEBAPI_HOST@", "127.0.0.1:9")] {
            text = text.replacingOccurrences(of: placeholder, with: value)
        }
        return directory.write(name, text, mode: 0o600)
    }

    func testEveryConformanceConfigurationValidatesAsA231Tenant() throws {
        let directory = TempDirectory()
        directory.write("tls/cert.pem", "")
        directory.write("tls/key.pem", "")
        let expectedTypes = ["topology-gocdb": "GOCDB", "topology-csv": "CSV", "topology-json": "JSON", "topology-provider": "EOSC-PROVIDERS",
                             "topology-agora": "AGORA", "topology-lot1sc": "LOT1SC"]
        for connector in Self.connectors {
            let customer = kitFile("\(connector).customer.conf", in: directory)
            for phase in Self.phases {
                let global = kitFile("global.\(phase).conf", in: directory)
                let result = runApp(["validate-config", "-c", customer, "-g", global])
                XCTAssertEqual(result.status, 0, "\(connector) \(phase): \(result.output)")
                XCTAssertTrue(result.stdout.contains("valid (0 warnings)"), "\(connector) \(phase): \(result.stdout)")
                XCTAssertTrue(result.stdout.contains(": an argo-connectors 2.3.1 tenant (TopoType \(expectedTypes[connector] ?? "")"),
                              "\(connector) \(phase): \(result.stdout)")
            }
        }
    }

    func testA17ConfigurationIsStillA17One() {
        let directory = TempDirectory()
        let args = ConfigFiles(in: directory, customers: Samples.validCustomer).write()
        let result = runApp(["validate-config"] + args)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stdout.contains("[CUSTOMER_EGI] Name EGI: an argo-egi-connectors 1.7 customer, jobs JOB_A, JOB_B; runs: topology (GOCDB), downtimes (GOCDB), weights (VAPOR), poem (POEM)"),
                      result.stdout)
    }

    func testThe17ConnectorsRefuseA231TenantWithoutFetching() throws {
        let directory = TempDirectory()
        directory.write("tls/cert.pem", "")
        directory.write("tls/key.pem", "")
        let feed = try TestHTTPServer { _ in .init(body: "[]", contentType: "application/json") }
        let customer = kitFile("weights-vapor.customer.conf", in: directory, feed: feed.baseURL)
        let global = kitFile("global.json.conf", in: directory)
        for script in ["weights-vapor-connector.py", "topology-gocdb-connector.py"] {
            let result = runApp(["-c", customer, "-g", global, "-d", "2022-10-27"], programName: script)
            XCTAssertEqual(result.status, 1, result.output)
            XCTAssertTrue(result.stderr.contains("Customer:EGI Job:Critical not run: \(customer):2: [CUSTOMER_EGI] is an argo-connectors 2.3.1 tenant; this build's"),
                          result.stderr)
        }
        XCTAssertTrue(feed.requests.isEmpty, "nothing fetched for a tenant it would misread")
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/EGI/EGI_Critical/weights-ok_2022_10_27"), encoding: .utf8), "False")
    }
}
