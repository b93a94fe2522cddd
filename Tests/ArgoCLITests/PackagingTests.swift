import Foundation
import XCTest
import ArgoTestSupport

/// Issue #21, part 4: the RPM upgrades an ARGO host's argo-egi-connectors
/// 1.7.2 and argo-connectors 2.3.1 in place (Tests/packaging/rpm-upgrade.sh:
/// real rpmbuild and rpm, a private root and database).
final class PackagingTests: XCTestCase {
    func testTheRPMUpgradesBothOldPackagesInPlace() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/rpmbuild"), "rpm is not installed (make test installs it)")
        let directory = TempDirectory()
        let script = try runTool(Paths.root.appendingPathComponent("Tests/packaging/rpm-upgrade.sh").path, [Paths.binary, directory.path])
        let text = String(decoding: script.output, as: UTF8.self)
        XCTAssertEqual(script.status, 0, text)
        XCTAssertTrue(text.contains("obsoletes: argo-egi-connectors < 3.0.0"), text)
        XCTAssertTrue(text.contains("provides: argo-egi-connectors = 3.0.0-1"), text)
        XCTAssertTrue(text.contains("== before: argo-connectors-2.3.1-1.noarch argo-egi-connectors-1.7.2-1.noarch"), text)
        XCTAssertTrue(text.contains("== after: argo-connectors-3.0.0-1.x86_64 \n"), text)
        XCTAssertTrue(text.hasSuffix("ok: upgraded in place\n"), text)
    }
}
