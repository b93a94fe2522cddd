import XCTest
import ArgoConnectors
@testable import ArgoModel
import ArgoTestSupport

/// Every validate-config rule, each with a failing and a passing config,
/// read from real files through `LocalFiles`.
final class ConfigurationTests: XCTestCase {

    private func load(_ files: ConfigFiles) -> (Configuration?, [String]) {
        let (configuration, log) = loadWithLog(files)
        return (configuration, log.entries.map(\.description))
    }

    private func loadWithLog(_ files: ConfigFiles) -> (Configuration?, DiagnosticLog) {
        let args = files.write()
        return Configuration.load(globalPath: args[3], customerPath: args[1])
    }

    /// Asserts the valid config passes and the mutated one fails validation
    /// with `expected` (what a run then does with it: MigrationTests, point 3).
    private func assertRule(_ expected: String, file: StaticString = #filePath, line: UInt = #line,
                            mutate: (inout ConfigFiles) -> Void) {
        let directory = TempDirectory()
        var files = ConfigFiles(in: directory, customers: Samples.validCustomer)
        let (valid, validLog) = loadWithLog(files)
        XCTAssertNotNil(valid, "baseline should be valid: \(validLog.entries)", file: file, line: line)
        XCTAssertFalse(validLog.hasErrors, "baseline should be valid: \(validLog.entries)", file: file, line: line)
        mutate(&files)
        let (_, log) = loadWithLog(files)
        let errors = log.errors.map(\.description)
        XCTAssertTrue(errors.contains { $0.contains(expected) }, "expected the error '\(expected)' in \(log.entries)", file: file, line: line)
    }

    private func replace(_ files: inout ConfigFiles, _ old: String, _ new: String) {
        files.customerText = files.customerText.replacingOccurrences(of: old, with: new)
    }

    func testValidConfigurationIsReadWithItsValues() throws {
        let directory = TempDirectory()
        var files = ConfigFiles(in: directory, customers: Samples.validCustomer + "AmsToken = t\nAuthenticationPoemToken = p\n")
        files.customerText = files.customerText.replacingOccurrences(of: "Jobs = JOB_A, JOB_B", with: "Jobs = JOB_A, JOB_B\nAmsToken = tok\nAuthenticationUsePlainHttpAuth = yes\nAuthenticationHttpUser = u\nAuthenticationHttpPass = p")
        let (configuration, messages) = load(files)
        let config = try XCTUnwrap(configuration, "\(messages)")
        XCTAssertEqual(config.global.connection, ConnectionSettings(timeoutSeconds: 5, retries: 2, sleepRetrySeconds: 0))
        XCTAssertEqual(config.schemas.count, 5)
        let customer = config.customers.customers[0]
        XCTAssertEqual(customer.ams.token, "tok")
        XCTAssertTrue(customer.authentication.usePlainHTTPAuth)
        XCTAssertEqual(customer.jobs.map(\.dirname), ["A", "B"])
        let jobA = customer.jobs[0]
        XCTAssertEqual(jobA.options.selection(.topoSelectGroupOfGroups).values(for: "certification"), ["Certified", "Candidate"])
        XCTAssertEqual(jobA.options.selection(.topoSelectGroupOfGroups).values(for: "NGI"), ["EGI.eu"])
        XCTAssertTrue(jobA.options.flag(.jobTopoFeedPaging))
        XCTAssertEqual(customer.jobs[1].topoFetchType, .serviceGroups)
        XCTAssertEqual(config.global.outputFileName(.weights, date: RunDate(year: 2026, month: 3, day: 7)), "weights_2026_03_07.avro")
    }

    func testBooleansFollowConfigParser() {
        for (text, expected) in [("1", true), ("YES", true), ("true", true), ("On", true), ("0", false), ("no", false), ("False", false), ("OFF", false)] {
            XCTAssertEqual(YesNo.parse(text), expected, text)
        }
        XCTAssertNil(YesNo.parse("Y"))
        assertRule("[General] WriteAvro = 'maybe' is not a boolean") { $0.set("General", "WriteAvro", "maybe") }
    }

    func testAtLeastOneDeliveryMustBeOn() {
        assertRule("PublishAms, WriteAvro, PublishWebAPI and WriteJson are all off") { $0.set("General", "WriteAvro", "off") }
    }

    func testNumbersMustBeWholeNumbers() {
        assertRule("[Connection] Timeout = 'soon' is not a whole number") { $0.set("Connection", "Timeout", "soon") }
        assertRule("[AMS] Bulk = '0' is not a whole number ≥ 1") { $0.set("AMS", "Bulk", "0") }
    }

    func testOutputNamesMustContainDate() {
        assertRule("[Output] Weights = 'weights.avro' must contain DATE") { $0.set("Output", "Weights", "weights.avro") }
        assertRule("[Output] needs the option Poem") { $0.set("Output", "Poem", nil) }
    }

    func testSchemaFilesMustExistAndParse() {
        assertRule("[AvroSchemas] Weights: cannot read schema file /nonexistent.avsc") { $0.set("AvroSchemas", "Weights", "/nonexistent.avsc") }
        assertRule("invalid Avro schema") { files in
            let bad = files.directory.write("bad.avsc", #"{"type": "record", "name": "x"}"#)
            files.set("AvroSchemas", "Poem", bad)
        }
    }

    func testCustomerMandatoryOptions() {
        assertRule("[CUSTOMER_EGI] needs the option Name") { self.replace(&$0, "Name = EGI\n", "") }
        assertRule("[CUSTOMER_EGI] needs the option OutputDir") { self.replace(&$0, "OutputDir = @OUT@/EGI\n", "") }
        assertRule("[CUSTOMER_EGI] needs the option Jobs") { self.replace(&$0, "Jobs = JOB_A, JOB_B\n", "") }
        assertRule("no [CUSTOMER_*] section") { $0.customerText = "[JOB_A]\nDirname = A\n" }
    }

    func testJobsMustExistWithUniqueDirnames() {
        assertRule("lists job JOB_C, but there is no [JOB_C] section") { self.replace(&$0, "Jobs = JOB_A, JOB_B", "Jobs = JOB_A, JOB_B, JOB_C") }
        assertRule("(did you mean [JOB_A]? section names are case-sensitive)") { self.replace(&$0, "Jobs = JOB_A, JOB_B", "Jobs = Job_A, JOB_B") }
        assertRule("[JOB_B] needs the option Dirname") { self.replace(&$0, "Dirname = B\n", "") }
        assertRule("[JOB_B] Dirname A is already used by [JOB_A]") { self.replace(&$0, "Dirname = B", "Dirname = A") }
    }

    func testOutputDirMustBeCreatable() {
        assertRule("is not a directory") { files in
            let plainFile = files.directory.write("plain", "x")
            self.replace(&files, "OutputDir = @OUT@/EGI", "OutputDir = \(plainFile)/EGI")
        }
    }

    func testFetchTypeAndTags() {
        assertRule("TopoFetchType = 'Both' must be Sites or ServiceGroups") { self.replace(&$0, "TopoFetchType = Sites", "TopoFetchType = Both") }
        assertRule("Certification:Approved is not allowed (allowed: Certified, Uncertified, Closed, Suspended, Candidate)") {
            self.replace(&$0, "Certification:(Certified,Candidate)", "Certification:(Certified,Approved)")
        }
        var unknownTag = ConfigFiles(in: TempDirectory(), customers: Samples.validCustomer)
        replace(&unknownTag, "Monitored:Y, ServiceGroup", "NGI:X, ServiceGroup")
        let (_, unknownTagLog) = loadWithLog(unknownTag)
        XCTAssertFalse(unknownTagLog.hasErrors, "an unknown tag key is ignored, as the original ignored it: \(unknownTagLog.entries)")
        XCTAssertTrue(unknownTagLog.entries.contains { $0.severity == .warning && $0.message.contains("tag 'NGI' is not known for TopoFetchType ServiceGroups and is ignored (allowed: Monitored, Scope, ServiceGroup)") },
                      "\(unknownTagLog.entries)")
        assertRule("TopoSelectGroupOfEndpoints: Production:Maybe is not allowed (allowed: Y, N)") { self.replace(&$0, "Production:Y", "Production:Maybe") }
        assertRule("unbalanced parenthesis") { self.replace(&$0, "ServiceGroup:(sg1,sg2)", "ServiceGroup:(sg1,sg2") }
        assertRule("is not of the form Key:Value") { self.replace(&$0, "Monitored:Y, ServiceGroup", "Monitored, ServiceGroup") }
    }

    func testFeedURLs() {
        assertRule("TopoFeed = 'goc.example.org/gocdbpi' must be an http://, https:// or file:// URL") {
            self.replace(&$0, "TopoFeed = https://goc.example.org/gocdbpi/", "TopoFeed = goc.example.org/gocdbpi")
        }
        assertRule("WeightsFeed = 'ftp://x/y' must be") { self.replace(&$0, "WeightsFeed = http://vapor.example.org/x.json", "WeightsFeed = ftp://x/y") }
    }

    func testProfilesNeedPoemSettings() {
        assertRule("[JOB_A] Profiles needs PoemServerHost, PoemServerVO too") {
            self.replace(&$0, "PoemServerHost = poem.example.org\nPoemServerVO = ops\n", "")
        }
    }

    func testPublishAmsNeedsACompleteSetPerCustomer() {
        assertRule("PublishAms is on but the AMS settings lack Token (or AmsToken in [CUSTOMER_EGI]), Topic (or AmsTopic in [CUSTOMER_EGI])") { files in
            files.set("General", "PublishAms", "True")
            files.set("AMS", "Host", "ams.example.org")
            files.set("AMS", "Project", "EGI")
        }
        // The same settings completed by the customer are valid.
        let directory = TempDirectory()
        var files = ConfigFiles(in: directory, customers: Samples.validCustomer.replacingOccurrences(of: "Jobs = JOB_A, JOB_B", with: "Jobs = JOB_A, JOB_B\nAmsToken = secret\nAmsTopic = t"))
        files.set("General", "PublishAms", "True")
        files.set("AMS", "Host", "ams.example.org")
        files.set("AMS", "Project", "EGI")
        let (configuration, messages) = load(files)
        XCTAssertNotNil(configuration, "\(messages)")
    }

    func testPlainHttpAuthNeedsCredentials() {
        assertRule("UsePlainHttpAuth is on but HttpUser or HttpPass is missing") { $0.set("Authentication", "UsePlainHttpAuth", "True") }
        assertRule("[CUSTOMER_EGI] AuthenticationUsePlainHttpAuth is on but AuthenticationHttpUser or AuthenticationHttpPass is missing") {
            self.replace(&$0, "Jobs = JOB_A, JOB_B", "Jobs = JOB_A, JOB_B\nAuthenticationUsePlainHttpAuth = yes\nAuthenticationHttpUser = u")
        }
    }

    func testReadableSecretsAreOnlyAWarning() throws {
        let directory = TempDirectory()
        var files = ConfigFiles(in: directory, customers: Samples.validCustomer)
        files.set("Authentication", "PoemToken", "s3cret")
        let (configuration, messages) = load(files)
        XCTAssertNotNil(configuration)
        XCTAssertTrue(messages.contains { $0.contains("global.conf: warning: holds a token or password but is readable by group or others (mode 644)") }, "\(messages)")
        chmod(directory.file("global.conf"), 0o600)
        let (_, _, log) = { () -> (Int, Int, DiagnosticLog) in
            let (_, log) = Configuration.load(globalPath: directory.file("global.conf"), customerPath: directory.file("customer.conf"))
            return (0, 0, log)
        }()
        XCTAssertFalse(log.entries.contains { $0.severity == .warning })
    }

    func testEveryProblemIsReportedAtOnce() {
        let directory = TempDirectory()
        var files = ConfigFiles(in: directory, customers: Samples.validCustomer
            .replacingOccurrences(of: "TopoFetchType = Sites", with: "TopoFetchType = Nope")
            .replacingOccurrences(of: "Dirname = B", with: "Dirname = A"))
        files.set("Output", "Weights", "weights.avro")
        let (_, messages) = load(files)
        XCTAssertEqual(messages.count, 3, "\(messages)")
    }

    func testMissingFilesAreNamed() {
        let (_, log) = Configuration.load(globalPath: "/nonexistent/global.conf", customerPath: "/nonexistent/customer.conf")
        XCTAssertEqual(log.entries.map(\.description), ["/nonexistent/global.conf: no such file", "/nonexistent/customer.conf: no such file"])
    }

    func testRunDatesAreRealCalendarDays() {
        XCTAssertEqual(RunDate(parsing: "2024-02-29")?.underscored, "2024_02_29")
        for bad in ["2026-02-30", "2023-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01x", "", "2026/01/01"] {
            XCTAssertNil(RunDate(parsing: bad), bad)
        }
        let yesterday = RunDate.yesterday(now: Date(timeIntervalSince1970: 1_772_323_200), utcOffsetSeconds: 0)  // 2026-03-01T00:00Z
        XCTAssertEqual(yesterday.description, "2026-02-28")
    }
}
