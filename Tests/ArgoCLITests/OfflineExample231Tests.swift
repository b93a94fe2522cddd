import Foundation
import XCTest
import ArgoCLI
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// `make run`'s 2.3.1 example (config-examples/offline-2.3.1): seven tenants,
/// one per TopoType, every connector from saved files, no network.
final class OfflineExample231Tests: XCTestCase {
    func testTheOfflineExampleRunsEveryConnectorOfEveryTenant() throws {
        let directory = TempDirectory()
        let paths = Kit.offlineExample(in: directory)
        let checked = runApp(["validate-config", "-c", paths[1], "-g", paths[0]])
        XCTAssertEqual(checked.status, 0, checked.output)
        XCTAssertTrue(checked.stdout.contains("valid (0 warnings)"), checked.stdout)
        let run = runApp(["all", "-c", paths[1], "-g", paths[0], "-d", "2022-10-27"])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.stdout.contains("""
            CUSTOMER JOB               topology downtimes weights metric-profiles service-types
            EGI      EGI_CRITICAL      ok       ok        ok      ok              ok
            TENANT   TENANT_CRITICAL   ok       ok        -       ok              ok
            FLATJSON FLATJSON_CRITICAL ok       -         -       ok              ok
            EOSC     EOSC_CRITICAL     ok       -         -       ok              -
            BEYOND   BEYOND_CRITICAL   ok       -         -       ok              -
            NI4OS    NI4OS_CRITICAL    ok       -         -       ok              -
            LOT1     LOT1_CRITICAL     ok       -         -       ok              -
            """), run.stdout)
        // The tenants whose options are the conformance runs' wrote what 2.3.1 wrote there.
        for (tenant, connector) in [("EGI", "topology-gocdb"), ("EOSC", "topology-provider"), ("NI4OS", "topology-agora"), ("LOT1", "topology-lot1sc")] {
            for kind in ["groups", "endpoints"] {
                XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory.file("tenants/\(tenant)/group_\(kind)_2022_10_27.json"))),
                               Kit.expected(connector, "group_\(kind)_2022_10_27.json"), "\(tenant) group_\(kind)")
            }
        }
        let downtimes = try JSONParser.parse(LocalFiles.read(directory.file("tenants/TENANT/downtimes_2022_10_27.json")))
        XCTAssertEqual(downtimes.arrayValue?.count, 16)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("tenants/states/EOSC/oidc-refresh-token.json")), "no grant for saved files")
        // The EOSC Beyond tenant: groups named by abbreviation and resource name, extensions from serviceCheck.
        let beyond = try JSONParser.parse(LocalFiles.read(directory.file("tenants/BEYOND/group_endpoints_2022_10_27.json"))).arrayValue ?? []
        XCTAssertEqual(beyond.map { $0["service"]?.stringValue ?? "" },
                       ["eu.eosc.portal.services.url", "eu.eosc.portal.services.url", "eu.eosc.generic.json", "eu.eosc.argo.mon"])
        let groups = try JSONParser.parse(LocalFiles.read(directory.file("tenants/BEYOND/group_groups_2022_10_27.json"))).arrayValue ?? []
        XCTAssertEqual(groups.map { "\($0["group"]?.stringValue ?? "")/\($0["subgroup"]?.stringValue ?? "")" },
                       ["CINECA/Italian SuperComputing Resource Allocation - ISCRA", "ICTLC/3rd-Party Data Security Assessment"])
    }
}
