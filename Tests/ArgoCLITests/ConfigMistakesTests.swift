import Foundation
import XCTest
import ArgoCLI
import ArgoModel
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #21, part 1: a typo or a misplaced option is never silent. Each
/// mistake, made alone in a valid file of either generation, is one warning
/// naming the file, the line, the section and the nearest known option
/// (or why it has no effect); `--strict` makes it fail.
final class ConfigMistakesTests: XCTestCase {
    /// (file, section, line inserted, the warning expected).
    static let mistakes17: [(String, String, String, String)] = [
        ("customer", "JOB_A", "TopoSelectGroupsOfGroups = Scope:EGI", "[JOB_A] unknown option TopoSelectGroupsOfGroups: it has no effect (did you mean TopoSelectGroupOfGroups?)"),
        ("customer", "JOB_A", "TopoFetchTyp = ServiceGroups", "[JOB_A] unknown option TopoFetchTyp: it has no effect (did you mean TopoFetchType?)"),
        ("customer", "JOB_B", "DowntimeFeed = file:///srv/feeds/", "[JOB_B] unknown option DowntimeFeed: it has no effect (did you mean DowntimesFeed?)"),
        ("customer", "JOB_B", "WeigthsFeed = http://vapor.example.org/x.json", "[JOB_B] unknown option WeigthsFeed: it has no effect (did you mean WeightsFeed?)"),
        ("customer", "JOB_B", "PoemServerVo = ops", ""),  // option names ignore case, as ConfigParser's: no warning
        ("customer", "JOB_A", "Profile = ARGO_MON_CRITICAL", "[JOB_A] unknown option Profile: it has no effect (did you mean Profiles?)"),
        ("customer", "JOB_A", "Dirnam = A2", "[JOB_A] unknown option Dirnam: it has no effect (did you mean Dirname?)"),
        ("customer", "CUSTOMER_EGI", "OutputDirs = /tmp", "[CUSTOMER_EGI] unknown option OutputDirs: it has no effect (did you mean OutputDir?)"),
        ("customer", "CUSTOMER_EGI", "TopoSelectGroupOfGroups = Scope:EGI", "[CUSTOMER_EGI] TopoSelectGroupOfGroups is a job option: it has no effect in a 1.7 customer section"),
        ("customer", "JOB_A", "AmsTopic = x", "[JOB_A] AmsTopic is a customer option: it has no effect in a 1.7 job"),
        ("customer", "JOB_A", "MetricProfileNamespace = ch.cern.SAM", "[JOB_A] MetricProfileNamespace is an argo-connectors 2.3.1 option: it has no effect in a 1.7 job"),
        // (Issue #30: AmsHost with PublishAms off is a note, the 1.7 template's normal state; a typo there is still said.)
        ("customer", "CUSTOMER_EGI", "AmsHots = msg.example.org", "[CUSTOMER_EGI] unknown option AmsHots: it has no effect (did you mean AmsHost?)"),
        ("global", "General", "PublishAmz = True", "[General] unknown option PublishAmz: it has no effect (did you mean PublishAms?)"),
        ("global", "General", "WriteJSon = True", ""),  // any case
        ("global", "General", "WriteJsonn = True", "[General] unknown option WriteJsonn: it has no effect (did you mean WriteJson?)"),
        ("global", "Connection", "Timeuot = 10", "[Connection] unknown option Timeuot: it has no effect (did you mean Timeout?)"),
        ("global", "Connection", "RetryRandom = True", "[Connection] RetryRandom is an argo-connectors 2.3.1 option: it has no effect in global.conf's [Connection]"),
        ("global", "InputState", "Dayz = 3", "[InputState] unknown option Dayz: it has no effect (did you mean Days?)"),
        ("global", "Authentication", "HostCertificate = /etc/grid-security/hostcert.pem", "[Authentication] unknown option HostCertificate: it has no effect (did you mean HostCert?)"),
        ("global", "Output", "MetricProfile = poem_sync_DATE.json", "[Output] MetricProfile is an argo-connectors 2.3.1 option: it has no effect in global.conf's [Output]"),
        ("global", "Conection", "Timeout = 10", "[Conection] is not a section of global.conf: its options have no effect (did you mean [Connection]?)"),
        ("global", "AMS", "Projct = EGI", "[AMS] unknown option Projct: it has no effect (did you mean Project?)"),
    ]

    static let mistakes231: [(String, String, String, String)] = [
        ("customer", "CUSTOMER_EGI", "TopoFeedPagging = True", "[CUSTOMER_EGI] unknown option TopoFeedPagging: it has no effect (did you mean TopoFeedPaging?)"),
        ("customer", "CUSTOMER_EGI", "HonourNotificationFlag = True", "[CUSTOMER_EGI] unknown option HonourNotificationFlag: it has no effect (did you mean HonorNotificationFlag?)"),
        ("customer", "CUSTOMER_EGI", "TopoUIDServiceEnpoints = True", "[CUSTOMER_EGI] unknown option TopoUIDServiceEnpoints: it has no effect (did you mean TopoUIDServiceEndpoints?)"),
        ("customer", "CUSTOMER_EGI", "TOPOSCOPE = EGI", ""),
        ("customer", "CUSTOMER_EGI", "OIDCClientID = x", ""),
        ("customer", "CUSTOMER_EGI", "OIDCRefreshTokn = x", "[CUSTOMER_EGI] unknown option OIDCRefreshTokn: it has no effect (did you mean OIDCRefreshToken?)"),
        ("customer", "CUSTOMER_EGI", "AmsHost = msg.example.org", "[CUSTOMER_EGI] AmsHost is a 1.7 option: it has no effect in an argo-connectors 2.3.1 tenant"),
        ("customer", "CUSTOMER_EGI", "Profiles = ARGO_MON_CRITICAL", "[CUSTOMER_EGI] Profiles is a job option: it has no effect in an argo-connectors 2.3.1 tenant"),
        ("customer", "CUSTOMER_EGI", "TopoSelectGroupOfGroups = Scope:EGI", "[CUSTOMER_EGI] TopoSelectGroupOfGroups is a job option: it has no effect in an argo-connectors 2.3.1 tenant"),
        ("customer", "Critical", "TopoFetchType = Sites", "[Critical] TopoFetchType is a 1.7 option: it has no effect in a 2.3.1 tenant's job"),
        ("customer", "Critical", "TopoType = CSV", "[Critical] TopoType is a customer option: it has no effect in a 2.3.1 tenant's job"),
        ("customer", "Critical", "MetricProfileNamspace = ch.cern.SAM", "[Critical] unknown option MetricProfileNamspace: it has no effect (did you mean MetricProfileNamespace?)"),
        ("global", "General", "PassExtension = True", "[General] unknown option PassExtension: it has no effect (did you mean PassExtensions?)"),
        ("global", "General", "WriteAvro = True", "[General] WriteAvro is a 1.7 option: it has no effect in global.conf's [General]"),
        ("global", "Connection", "SleepRandomRetryMaxx = 5", "[Connection] unknown option SleepRandomRetryMaxx: it has no effect (did you mean SleepRandomRetryMax?)"),
        ("global", "WebAPI", "Hots = api.example.org", "[WebAPI] unknown option Hots: it has no effect (did you mean Host?)"),
        ("global", "Output", "Poem = poem_sync_DATE.avro", "[Output] Poem is a 1.7 option: it has no effect in global.conf's [Output]"),
        ("global", "Authentication", "PoemToken = x", "[Authentication] PoemToken is a 1.7 option: it has no effect in global.conf's [Authentication]"),
    ]

    /// `text` with `line` added as the first line of `[section]` (a new section at the end when absent).
    private func inserting(_ line: String, into section: String, of text: String) -> String {
        guard let header = text.range(of: "[\(section)]\n") else { return text + "\n[\(section)]\n\(line)\n" }
        return text.replacingCharacters(in: header, with: "[\(section)]\n\(line)\n")
    }

    private func check(_ mistakes: [(String, String, String, String)], customer: String, global: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let clean = runApp(["validate-config", "-c", customer, "-g", global, "--strict"])
        XCTAssertEqual(clean.status, 0, "the file is valid without the mistake: \(clean.output)", file: file, line: line)
        let originals = ["customer": try String(contentsOfFile: customer, encoding: .utf8), "global": try String(contentsOfFile: global, encoding: .utf8)]
        for (which, section, inserted, expected) in mistakes {
            let path = which == "customer" ? customer : global
            let edited = inserting(inserted, into: section, of: originals[which]!)
            try edited.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            let result = runApp(["validate-config", "-c", customer, "-g", global])
            let strict = runApp(["validate-config", "-c", customer, "-g", global, "--strict"])
            try originals[which]!.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            guard !expected.isEmpty else {
                XCTAssertEqual(strict.status, 0, "\(inserted): \(strict.output)", file: file, line: line)
                continue
            }
            let lineNumber = edited.components(separatedBy: "\n").firstIndex(of: inserted).map { $0 + 1 } ?? 0
            XCTAssertEqual(result.status, 0, "a warning alone keeps the file valid: \(result.output)", file: file, line: line)
            XCTAssertTrue(result.stdout.contains("\(path):\(lineNumber): warning: \(expected)")
                          || (expected.hasSuffix("its options have no effect (did you mean [Connection]?)") || expected.hasPrefix("[AMS] has no effect"))
                              && result.stdout.contains("\(path):\(lineNumber - 1): warning: \(expected)"),
                          "\(inserted) → \(expected)\n\(result.stdout)", file: file, line: line)
            XCTAssertEqual(strict.status, 1, "--strict: \(inserted)", file: file, line: line)
        }
    }

    func testMistakesInA17Configuration() throws {
        let directory = TempDirectory()
        let args = ConfigFiles(in: directory, customers: Samples.validCustomer).write()
        try check(Self.mistakes17, customer: args[1], global: args[3])
    }

    func testMistakesInA231Configuration() throws {
        let directory = Kit.directory()
        try check(Self.mistakes231, customer: Kit.file("topology-gocdb.customer.conf", in: directory), global: Kit.file("global.json.conf", in: directory))
    }

    func testDumpListsDefaultsAndIgnoredOptions() throws {
        let directory = Kit.directory()
        let customer = Kit.file("topology-gocdb.customer.conf", in: directory) { $0.replacingOccurrences(of: "TopoType = GOCDB", with: "TopoType = GOCDB\nTopoFetchTyp = x") }
        let global = Kit.file("global.json.conf", in: directory) { $0.replacingOccurrences(of: "Days = 3\n", with: "") }
        let dump = runApp(["validate-config", "-c", customer, "-g", global, "--dump"])
        let document = try JSONParser.parse(dump.stdout)
        XCTAssertEqual(document["defaults"]?["global.conf"]?["InputState"]?["Days"], .string("3"), "a run uses Days = 3")
        XCTAssertEqual(document["defaults"]?["customer.conf"]?["CUSTOMER_EGI"]?["DowntimesEmpty"], .string("False"))
        XCTAssertNil(document["defaults"]?["customer.conf"]?["CUSTOMER_EGI"]?["HonorNotificationFlag"], "given, so not a default")
        // Issue #30: an ignored option keeps the value it has in the file (the operator meant something by it).
        XCTAssertEqual(document["ignored"], .object([("global.conf", .object([])),
                                                     ("customer.conf", .object([("CUSTOMER_EGI", .object([("TopoFetchTyp", .string("x"))]))]))]))
    }

    func testAnUnreadableFileIsExitTwoAsForEveryCommand() {
        let result = runApp(["validate-config", "-c", "/nonexistent/customer.conf", "-g", "/nonexistent/global.conf"])
        XCTAssertEqual(result.status, 2, result.output)
        XCTAssertTrue(result.stdout.contains("/nonexistent/customer.conf: no such file"), result.stdout)
    }
}
