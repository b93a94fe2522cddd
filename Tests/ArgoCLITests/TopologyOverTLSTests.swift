import XCTest
import ArgoCLITestSupport
import ArgoTestSupport

/// The whole topology connector over HTTPS with [Authentication]'s
/// certificates, and validate-config's TLS checks (issue #21); the
/// client itself is tested in ArgoSystemTests.
final class TopologyOverTLSTests: XCTestCase {
    /// The whole topology connector over HTTPS, certificates from [Authentication].
    func testTopologyOverHTTPSWithTheHostCertificate() throws {
        let pki = try TestPKI()
        let (server, port) = try pki.startServer(body: "<results><SITE NAME=\"TLS-SITE\"><ROC>NGI_TLS</ROC></SITE></results>")
        defer { server.terminate(); server.waitUntilExit() }
        let directory = TempDirectory()
        let customer = customerConf(name: "X", jobs: [("JOB_X", "X", "TopoFeed = https://localhost:\(port)/gocdbpi/")])
        var files = ConfigFiles(in: directory, customers: customer)
        for (key, value) in [("HostCert", pki.clientCert), ("HostKey", pki.clientKey), ("VerifyServerCert", "True"), ("CAFile", pki.caCert)] {
            files.set("Authentication", key, value)
        }
        files.set("Connection", "Retry", "0")
        let result = runApp(["topology", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(avroLines(directory.file("out/X/group_groups_2026_11_28.avro")),
                       [#"{"type": "NGI", "group": "NGI_TLS", "subgroup": "TLS-SITE", "tags": {"certification": "", "infrastructure": "", "scope": ""}}"#])

        files.set("Authentication", "HostCert", nil)
        files.set("Authentication", "HostKey", nil)
        let refused = runApp(["topology", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(refused.status, 1, "without the host certificate the server refuses")
        XCTAssertEqual(refused.stderr.split(separator: "\n").filter { $0.hasPrefix("ERROR") && !$0.contains(" summary: failed") }.count, 1, refused.stderr)

        // Issue #21: what TLS will need is checked before anything runs: an
        // error that stops the work with an https feed, and nothing else.
        files.set("Authentication", "HostKey", pki.clientKey)
        files.set("Authentication", "HostCert", "/nonexistent/hostcert.pem")
        let missing = runApp(["validate-config"] + files.write())
        XCTAssertEqual(missing.status, 1, "an error")
        XCTAssertTrue(missing.stdout.contains("global.conf:12: [Authentication] HostCert /nonexistent/hostcert.pem cannot be read (no such file): every https feed would fail"), missing.stdout)
        files.set("InputState", "SaveDir", directory.file("state"))
        let run = runApp(["topology", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("ERROR topology Customer:X Job:JOB_X not run: ") && run.stderr.contains("HostCert /nonexistent/hostcert.pem cannot be read"), run.stderr)
        XCTAssertFalse(run.stderr.contains("localhost:\(port)"), "nothing fetched: \(run.stderr)")
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/X/X/topology-ok_2026_11_28"), encoding: .utf8), "False")
        // A feed that is not https does not need the host certificate; a feed not
        // given is its declared default (VAPOR's is https).
        let plainFeeds = "TopoFeed = http://127.0.0.1:9/gocdbpi/\nDowntimesFeed = http://127.0.0.1:9/gocdbpi/"
        var plain = ConfigFiles(in: directory, customers: customerConf(name: "X", jobs: [("JOB_X", "X", plainFeeds + "\nWeightsFeed = http://127.0.0.1:9/vapor")]))
        plain.set("Authentication", "HostCert", "/nonexistent/hostcert.pem")
        XCTAssertEqual(runApp(["validate-config"] + plain.write()).status, 0, "no https feed")
        var defaultWeights = ConfigFiles(in: directory, customers: customerConf(name: "X", jobs: [("JOB_X", "X", plainFeeds)]))
        defaultWeights.set("Authentication", "HostCert", "/nonexistent/hostcert.pem")
        let weightsRefused = runApp(["weights"] + defaultWeights.write())
        XCTAssertEqual(weightsRefused.status, 1, weightsRefused.stderr)
        XCTAssertTrue(weightsRefused.stderr.contains("HostCert /nonexistent/hostcert.pem cannot be read"), weightsRefused.stderr)
        files.set("InputState", "SaveDir", nil)
        files.set("Authentication", "HostCert", pki.clientCert)
        files.set("Authentication", "HostKey", pki.serverKey)
        let mismatched = runApp(["validate-config"] + files.write())
        XCTAssertEqual(mismatched.status, 1, mismatched.output)
        XCTAssertTrue(mismatched.stdout.contains("[Authentication] HostCert \(pki.clientCert) does not match its key (HostKey is another certificate's): every https feed would fail"), mismatched.stdout)
        // CAFile and CAPath matter only when the server is verified.
        files.set("Authentication", "HostKey", pki.clientKey)
        files.set("Authentication", "VerifyServerCert", "False")
        files.set("Authentication", "CAPath", "/nonexistent/capath")
        files.set("Authentication", "CAFile", "/nonexistent/ca.pem")
        XCTAssertEqual(runApp(["validate-config"] + files.write()).status, 0)
        let unverified = runApp(["topology", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(unverified.status, 0, unverified.stderr)
        files.set("Authentication", "VerifyServerCert", "True")
        let verified = runApp(["validate-config"] + files.write())
        XCTAssertEqual(verified.status, 1)
        XCTAssertTrue(verified.stdout.contains("[Authentication] CAPath /nonexistent/capath does not exist (VerifyServerCert is on"), verified.stdout)
    }
}
