import Foundation
import XCTest
@testable import ArgoCLI
@testable import ArgoConnectors
@testable import ArgoModel
@testable import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #12: behaving like the Python connectors on a real deployment.
final class MigrationTests: XCTestCase {
    // MARK: 1. The default day is yesterday in local time

    func testYesterdayIsTakenOnTheLocalCalendar() {
        // 2026-03-01 23:30 UTC is already 2 March in Athens (UTC+2) and still 1 March in UTC.
        let lateEvening = Date(timeIntervalSince1970: 1_772_407_800)
        XCTAssertEqual(RunDate.yesterday(now: lateEvening, utcOffsetSeconds: 0), RunDate(year: 2026, month: 2, day: 28))
        XCTAssertEqual(RunDate.yesterday(now: lateEvening, utcOffsetSeconds: 7200), RunDate(year: 2026, month: 3, day: 1))
        XCTAssertEqual(RunDate.yesterday(now: lateEvening, utcOffsetSeconds: -5 * 3600), RunDate(year: 2026, month: 2, day: 28))
    }

    func testUndatedRunsNameFilesByYesterdayInTheHostsTimeZone() throws {
        let directory = TempDirectory()
        let vapor = directory.write("vapor.json", #"[{"ngi": "N", "site": [{"id": "S", "ComputationPower": 1}]}]"#)
        var files = ConfigFiles(in: directory, customers: customerConf(jobs: [("JOB_A", "A", "WeightsFeed = file://\(vapor)")]))
        files.set("General", "WriteAvro", "True")
        let args = files.write()
        // 2026-11-28 11:00 UTC is already the 29th at UTC+14 and still the 27th at UTC-12.
        let now = Date(timeIntervalSince1970: 1_795_863_600)
        for (offsetHours, expected) in [(14, "2026_11_28"), (-12, "2026_11_26"), (0, "2026_11_27")] {
            let result = runApp(["weights", "--dry-run"] + args, calendar: FixedCalendar(now, utcOffsetSeconds: offsetHours * 3600))
            XCTAssertEqual(result.status, 0, result.output)
            XCTAssertTrue(result.stderr.contains("would write \(files.outputDir)/A/weights_\(expected).avro"), "UTC\(offsetHours): \(result.stderr)")
        }
        let help = runApp(["weights", "--help"]).stdout
        XCTAssertTrue(help.contains("default: yesterday in local time"), help)
    }

    // MARK: 4. Timeout bounds stalls, not transfers

    private static let sites = #"<results><SITE NAME="S1" ROC="NGI_X"><PRODUCTION_INFRASTRUCTURE>Production</PRODUCTION_INFRASTRUCTURE><CERTIFICATION_STATUS>Certified</CERTIFICATION_STATUS></SITE></results>"#

    private static func endpoints(_ count: Int) -> String {
        "<results>" + (0..<count).map { index in
            "<SERVICE_ENDPOINT PRIMARY_KEY=\"\(index)G0\"><HOSTNAME>host\(index).example.org</HOSTNAME><SERVICE_TYPE>CE</SERVICE_TYPE>"
                + "<IN_PRODUCTION>Y</IN_PRODUCTION><NODE_MONITORED>Y</NODE_MONITORED><SITENAME>S1</SITENAME></SERVICE_ENDPOINT>"
        }.joined() + "</results>"
    }

    /// A topology run with `[Connection] Timeout = 1`, `Retry = 1` against `server`.
    private func topologyWithOneSecondTimeout(_ server: TestHTTPServer, _ directory: TempDirectory) -> (RunResult, ConfigFiles) {
        var files = ConfigFiles(in: directory, customers: customerConf(jobs: [("JOB_A", "A", "TopoFeed = \(server.baseURL)/gocdbpi/")]))
        files.set("Connection", "Timeout", "1")
        files.set("Connection", "Retry", "1")
        return (runApp(["topology", "-d", "2026-11-28"] + files.write()), files)
    }

    func testAFeedThatKeepsArrivingMayTakeLongerThanTimeout() throws {
        let server = try TestHTTPServer { request in
            guard request.query["method"] == "get_service_endpoint" else { return .init(body: Self.sites) }
            var steady = TestHTTPServer.Response(body: Self.endpoints(300))
            steady.dripPieces = 5
            steady.dripInterval = 0.6  // 2.4 s in all, never more than 0.6 s silent
            return steady
        }
        let started = Date()
        let (result, files) = topologyWithOneSecondTimeout(server, TempDirectory())
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertGreaterThan(Date().timeIntervalSince(started), 2.0, "the transfer did take longer than Timeout")
        XCTAssertEqual(server.requests.count, 2, "no retry")
        XCTAssertEqual(avroLines(files.outputDir + "/A/group_endpoints_2026_11_28.avro").count, 300)
    }

    func testAFeedThatFallsSilentForTimeoutFailsAndIsRetried() throws {
        let server = try TestHTTPServer { request in
            guard request.query["method"] == "get_service_endpoint" else { return .init(body: Self.sites) }
            var stalled = TestHTTPServer.Response(body: Self.endpoints(300))
            stalled.dripPieces = 2
            stalled.dripInterval = 2.5  // half the body, then 2.5 s of silence
            return stalled
        }
        let (result, files) = topologyWithOneSecondTimeout(server, TempDirectory())
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertEqual(server.requests.filter { $0.query["method"] == "get_service_endpoint" }.count, 2, "retried once")
        XCTAssertTrue(result.stderr.contains("(after 2 attempts)"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: files.outputDir + "/A/group_endpoints_2026_11_28.avro"))
    }

    // MARK: 5. Feed URLs as operators wrote them

    func testTheSpellingsOfGOCDBsBaseReachItsPrivateAPIAndShareOneFetch() throws {
        let server = try TestHTTPServer { request in
            .init(body: request.query["method"] == "get_site" ? Self.sites : Self.endpoints(2))
        }
        let base = server.baseURL
        let jobs = [("JOB_A", "A", "TopoFeed = \(base)"), ("JOB_B", "B", "TopoFeed = \(base)/gocdbpi/"),
                    ("JOB_C", "C", "TopoFeed = \(base)/gocdbpi/private/"), ("JOB_D", "D", "TopoFeed = \(base)/other/api/")]
        let files = ConfigFiles(in: TempDirectory(), customers: customerConf(jobs: jobs))
        let result = runApp(["topology", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(result.status, 0, result.output)
        let asked = server.requests.map { "\($0.path) \($0.query["method"] ?? "")" }.sorted()
        XCTAssertEqual(asked, ["/gocdbpi/private/ get_service_endpoint", "/gocdbpi/private/ get_site",
                               "/other/api/private/ get_service_endpoint", "/other/api/private/ get_site"])
        for job in ["A", "B", "C", "D"] {
            XCTAssertEqual(avroLines(files.outputDir + "/\(job)/group_endpoints_2026_11_28.avro").count, 2, job)
        }
        XCTAssertEqual(GocdbEndpoint.normalizedBase("https://goc.egi.eu"), "https://goc.egi.eu/gocdbpi/")
        XCTAssertEqual(GocdbEndpoint.normalizedBase("https://goc.egi.eu:8443/gocdbpi/private"), "https://goc.egi.eu:8443/gocdbpi/")
        XCTAssertEqual(GocdbEndpoint.normalizedBase("file:///srv/feeds"), "file:///srv/feeds/")
    }

    // MARK: 8. Client certificates only where the original used them

    func testAMSIsReachedByTokenAloneWhenTheHostCertificateIsAbsent() throws {
        let pki = try TestPKI()
        let (ams, port) = try pki.startServer(body: #"{"messageIds": ["1"]}"#, tokenOnly: true)
        defer { ams.terminate(); ams.waitUntilExit() }
        let directory = TempDirectory()
        let vapor = directory.write("vapor.json", #"[{"ngi": "N", "site": [{"id": "S", "ComputationPower": 7}]}]"#)
        var files = ConfigFiles(in: directory, customers: customerConf(jobs: [("JOB_A", "A", "WeightsFeed = file://\(vapor)")]))
        files.set("General", "PublishAms", "True")
        for (key, value) in [("Host", "https://localhost:\(port)"), ("Token", "ams-token"), ("Project", "EGI"), ("Topic", "T")] {
            files.set("AMS", key, value)
        }
        for (key, value) in [("HostCert", "/nonexistent/hostcert.pem"), ("HostKey", "/nonexistent/hostkey.pem"),
                             ("VerifyServerCert", "True"), ("CAFile", pki.caCert)] {
            files.set("Authentication", key, value)
        }
        files.set("Connection", "Retry", "0")
        let result = runApp(["weights", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stderr.contains("1 records in 1 AMS message to EGI/T"), result.stderr)
        XCTAssertEqual(avroLines(files.outputDir + "/A/weights_2026_11_28.avro").count, 1)
    }

    // MARK: 6. Duplicates resolved as the original resolved them

    /// A GOCDB answering `bodies["method"]`, or `bodies["method@cursor"]` when paged.
    private func gocdb(_ bodies: [String: String]) throws -> TestHTTPServer {
        try TestHTTPServer { request in
            let method = request.query["method"] ?? ""
            let key = request.query["next_cursor"].map { "\(method)@\($0)" } ?? method
            return .init(body: bodies[key] ?? "<results/>")
        }
    }

    private static func endpoint(_ key: String, host: String?, service: String? = "CE", site: String = "S1") -> String {
        "<SERVICE_ENDPOINT PRIMARY_KEY=\"\(key)\">" + (host.map { "<HOSTNAME>\($0)</HOSTNAME>" } ?? "")
            + (service.map { "<SERVICE_TYPE>\($0)</SERVICE_TYPE>" } ?? "")
            + "<IN_PRODUCTION>Y</IN_PRODUCTION><NODE_MONITORED>Y</NODE_MONITORED><SITENAME>\(site)</SITENAME></SERVICE_ENDPOINT>"
    }

    private static func site(_ name: String, roc: String?) -> String {
        "<SITE NAME=\"\(name)\">" + (roc.map { "<ROC>\($0)</ROC>" } ?? "") + "</SITE>"
    }

    private static func page(_ entities: String, next: String?, count: Int) -> String {
        "<results>\(entities)<meta>" + (next.map { "<link rel=\"next\" href=\"https://x/?method=m&amp;next_cursor=\($0)\"/>" } ?? "")
            + "<count>\(count)</count></meta></results>"
    }

    private func runTopology(_ server: TestHTTPServer, options: String = "") -> (RunResult, ConfigFiles) {
        let files = ConfigFiles(in: TempDirectory(),
                                customers: customerConf(jobs: [("JOB_A", "A", "TopoFeed = \(server.baseURL)/gocdbpi/\n\(options)")]))
        return (runApp(["topology", "-d", "2026-11-28"] + files.write()), files)
    }

    func testAnEndpointListedTwiceKeepsItsLastCopyPagedOrNot() throws {
        let sites = "<results>\(Self.site("S1", roc: "NGI_A"))</results>"
        let unpaged = try gocdb(["get_site": sites, "get_service_endpoint": "<results>"
            + Self.endpoint("1G0", host: "first.example.org") + Self.endpoint("2G0", host: "other.example.org")
            + Self.endpoint("1G0", host: "last.example.org") + "</results>"])
        let (plain, plainFiles) = runTopology(unpaged)
        XCTAssertEqual(plain.status, 0, plain.output)
        XCTAssertEqual(avroLines(plainFiles.outputDir + "/A/group_endpoints_2026_11_28.avro").map { $0.contains("last.example.org") || $0.contains("other") },
                       [true, true])
        let paged = try gocdb([
            "get_site@0": Self.page(Self.site("S1", roc: "NGI_A"), next: "3", count: 1),
            "get_site@3": Self.page("", next: nil, count: 0),
            "get_service_endpoint@0": Self.page(Self.endpoint("1G0", host: "first.example.org"), next: "5", count: 1),
            "get_service_endpoint@5": Self.page(Self.endpoint("1G0", host: "last.example.org"), next: "9", count: 1),
            "get_service_endpoint@9": Self.page("", next: nil, count: 0),
        ])
        let (pagedRun, pagedFiles) = runTopology(paged, options: "TopoFeedPaging = True")
        XCTAssertEqual(pagedRun.status, 0, pagedRun.output)
        let lines = avroLines(pagedFiles.outputDir + "/A/group_endpoints_2026_11_28.avro")
        XCTAssertEqual(lines.count, 1, "\(lines)")
        XCTAssertTrue(lines.first?.contains("last.example.org") == true, "\(lines)")
    }

    func testASiteOrServiceGroupListedTwiceKeepsItsLastEntity() throws {
        let server = try gocdb([
            "get_site": "<results>\(Self.site("S1", roc: "NGI_OLD"))\(Self.site("S2", roc: "NGI_B"))\(Self.site("S1", roc: "NGI_NEW"))</results>",
            "get_service_group": "<results><SERVICE_GROUP><NAME>G</NAME><MONITORED>N</MONITORED></SERVICE_GROUP>"
                + "<SERVICE_GROUP><NAME>G</NAME><MONITORED>Y</MONITORED>\(Self.endpoint("7G0", host: "g.example.org"))</SERVICE_GROUP></results>",
        ])
        let (sites, siteFiles) = runTopology(server)
        XCTAssertEqual(sites.status, 0, sites.output)
        let groups = avroLines(siteFiles.outputDir + "/A/group_groups_2026_11_28.avro")
        XCTAssertEqual(groups.count, 2, "\(groups)")
        XCTAssertTrue(groups.contains { $0.contains("NGI_NEW") && $0.contains("\"S1\"") }, "\(groups)")
        XCTAssertFalse(groups.contains { $0.contains("NGI_OLD") }, "\(groups)")
        let (serviceGroups, groupFiles) = runTopology(server, options: "TopoFetchType = ServiceGroups")
        XCTAssertEqual(serviceGroups.status, 0, serviceGroups.output)
        let serviceGroupLines = avroLines(groupFiles.outputDir + "/A/group_groups_2026_11_28.avro")
        XCTAssertEqual(serviceGroupLines.count, 1)
        XCTAssertTrue(serviceGroupLines[0].contains("\"monitored\": \"1\""), serviceGroupLines[0])
        XCTAssertEqual(avroLines(groupFiles.outputDir + "/A/group_endpoints_2026_11_28.avro").count, 1)
    }

    // MARK: 7. Nothing dropped in silence

    func testEntitiesWithoutARequiredFieldAreCountedInOneWarningPerKind() throws {
        let server = try gocdb([
            "get_site": "<results>\(Self.site("S1", roc: "NGI_A"))\(Self.site("S2", roc: nil))</results>",
            "get_service_endpoint": "<results>" + Self.endpoint("1G0", host: "ok.example.org")
                + (2...4).map { Self.endpoint("\($0)G0", host: nil) }.joined() + Self.endpoint("5G0", host: "x.org", service: nil) + "</results>",
        ])
        let (result, _) = runTopology(server)
        XCTAssertEqual(result.status, 0, result.output)
        let warnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix("WARNING") }
        XCTAssertEqual(warnings, [
            "WARNING topology Customer:EGI Job:JOB_A skipped 3 SERVICE_ENDPOINT without HOSTNAME",
            "WARNING topology Customer:EGI Job:JOB_A skipped 1 SERVICE_ENDPOINT without SERVICE_TYPE",
            "WARNING topology Customer:EGI Job:JOB_A skipped 1 SITE without ROC",
        ])
    }

    func testASelectionThatSelectsNoGroupIsAWarningNamingIt() throws {
        let server = try gocdb(["get_site": "<results>\(Self.site("S1", roc: "NGI_A"))</results>",
                                "get_service_endpoint": "<results>\(Self.endpoint("1G0", host: "h.org"))</results>"])
        let (result, files) = runTopology(server, options: "TopoSelectGroupOfGroups = NGI:NGI_TYPO")
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stderr.contains("WARNING topology Customer:EGI Job:JOB_A TopoSelectGroupOfGroups = NGI:NGI_TYPO selects none of the 1 groups fetched"), result.stderr)
        XCTAssertEqual(avroLines(files.outputDir + "/A/group_groups_2026_11_28.avro"), [])
    }

    func testDowntimesWithoutAHostOrReadableDatesAreCounted() throws {
        let downtime = { (host: String, start: String) in
            "<DOWNTIME CLASSIFICATION=\"SCHEDULED\"><SEVERITY>OUTAGE</SEVERITY>" + (host.isEmpty ? "" : "<HOSTNAME>\(host)</HOSTNAME>")
                + "<SERVICE_TYPE>CE</SERVICE_TYPE><FORMATED_START_DATE>\(start)</FORMATED_START_DATE>"
                + "<FORMATED_END_DATE>2026-11-28 12:00</FORMATED_END_DATE></DOWNTIME>"
        }
        let server = try gocdb(["get_downtime": "<results>" + downtime("a.org", "2026-11-28 08:00") + downtime("", "2026-11-28 08:00")
            + downtime("b.org", "yesterday") + "</results>"])
        let files = ConfigFiles(in: TempDirectory(), customers: customerConf(jobs: [("JOB_A", "A", "DowntimesFeed = \(server.baseURL)/gocdbpi/")]))
        let result = runApp(["downtimes", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stderr.contains("Job:JOB_A skipped 1 DOWNTIME without HOSTNAME"), result.stderr)
        XCTAssertTrue(result.stderr.contains("Job:JOB_A skipped 1 DOWNTIME without a FORMATED_START_DATE and FORMATED_END_DATE"), result.stderr)
        XCTAssertEqual(avroLines(files.outputDir + "/A/downtimes_2026_11_28.avro").count, 1)
    }

    // MARK: 2. Configuration files read as Python 2.7's ConfigParser read them

    /// Tricky lines and the values Python 2.7's `ConfigParser.ConfigParser().get()`
    /// gives for them (derived from its `_read` and `_interpolate`).
    static let trickyGlobal = [
        "# a comment; with a semicolon",
        "[DEFAULT]",
        "base = /etc/argo",
        "",
        "[Tricky]",
        "jobs = A, B ; old jobs",
        "hash = value # not a comment",
        "semi = a;b",
        "firstsemi = a;b ;c",
        "tabsemi = x\t;comment",
        "leadsemi = ;x",
        "empty = \"\"",
        "quoted = \"a\"",
        "percent = pa%ss",
        "double = a%%b",
        "interp = %(jobs)s and 100%%",
        "caseref = %(JOBS)s",
        "fromdefault = %(base)s/schemas",
        "MixedCase = v",
        "colon: c",
        "spaced key = sk",
        "multi = first",
        "  # kept: not a comment here",
        "\tsecond",
        "blank = one",
        "",
        "   after a blank line",
        "rem this whole line is a comment",
        "REM so is this one",
        "remark = kept",
        "dup = 1",
        "dup = 2",
        "section = %(__name__)s",
        "trailing = x   ",
        "AmsToken = secret-token",
        "HttpPass = secret-pass",
        "[Tricky]",
        "merged = from the second [Tricky]",
        "[general]",
        "WriteAvro = True",
    ]

    static let trickyExpected: [String: String] = [
        "base": "/etc/argo", "jobs": "A, B", "hash": "value # not a comment", "semi": "a;b", "firstsemi": "a;b ;c",
        "tabsemi": "x", "leadsemi": ";x", "empty": "", "quoted": "\"a\"", "percent": "pa%ss", "double": "a%%b",
        "interp": "A, B and 100%", "caseref": "A, B", "fromdefault": "/etc/argo/schemas", "mixedcase": "v", "colon": "c",
        "spaced key": "sk", "multi": "first\n# kept: not a comment here\nsecond", "blank": "one\nafter a blank line",
        "remark": "kept", "dup": "2", "section": "Tricky", "trailing": "x", "amstoken": "***", "httppass": "***",
        "merged": "from the second [Tricky]",
    ]

    private func dump(_ globalText: String, showSecrets: Bool = false) throws -> (RunResult, [String: JSONValue]) {
        let directory = TempDirectory()
        let global = directory.write("global.conf", globalText)
        let customer = directory.write("customer.conf", "[Customer_X]\nName = X\n")
        let result = runApp(["validate-config", "--dump", "-g", global, "-c", customer] + (showSecrets ? ["--show-secrets"] : []))
        let document = try JSONParser.parse(Array(result.stdout.utf8))
        guard case .object(let files)? = Optional(document) else { throw FormatError(.json, "not an object") }
        return (result, Dictionary(uniqueKeysWithValues: files))
    }

    func testTrickyLinesReadAsPython27ReadThem() throws {
        for lineEnd in ["\n", "\r\n"] {
            let (result, files) = try dump(Self.trickyGlobal.joined(separator: lineEnd) + lineEnd)
            XCTAssertEqual(result.status, 1, "the files are incomplete: \(result.stderr)")
            let tricky = try XCTUnwrap(files["global.conf"]?["Tricky"], result.stdout)
            guard case .object(let options) = tricky else { return XCTFail("\(tricky)") }
            XCTAssertEqual(options.map(\.0).first, "base", "DEFAULT's options come first, as items() lists them")
            for (option, expected) in Self.trickyExpected {
                XCTAssertEqual(tricky[option]?.stringValue, expected, "\(option) with \(lineEnd.debugDescription)")
            }
            XCTAssertEqual(options.count, Self.trickyExpected.count, "\(options.map(\.0))")
            XCTAssertNil(files["global.conf"]?["DEFAULT"], "DEFAULT is not listed as a section")
            XCTAssertEqual(files["customer.conf"]?["Customer_X"]?["name"]?.stringValue, "X")
            XCTAssertTrue(result.stderr.contains("global.conf:32: warning: option 'dup' is set again in [Tricky] (first at line 31)"), result.stderr)
            XCTAssertTrue(result.stderr.contains("global.conf:37: warning: section [Tricky] appears again (first at line 5)"), result.stderr)
            XCTAssertFalse(result.stderr.contains("[General]"), "[general] is found in any case: \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("[Customer_X] needs the option OutputDir"), "a customer in any case: \(result.stderr)")
        }
        let (_, shown) = try dump(Self.trickyGlobal.joined(separator: "\n"), showSecrets: true)
        XCTAssertEqual(shown["global.conf"]?["Tricky"]?["amstoken"]?.stringValue, "secret-token")
    }

    func testBytesThatAreNotUTF8AreIgnoredInCommentsAndNamedInValues() throws {
        let directory = TempDirectory()
        let bytes = Array("[General]\n# caf".utf8) + [0xE9] + Array("\nWriteAvro = True\nname = caf".utf8) + [0xE9] + Array("\n".utf8)
        let global = directory.file("global.conf")
        XCTAssertTrue(FileManager.default.createFile(atPath: global, contents: Data(bytes)))
        let customer = directory.write("customer.conf", "[CUSTOMER_X]\nName = X\n")
        let result = runApp(["validate-config", "-g", global, "-c", customer])
        XCTAssertTrue(result.stdout.contains("\(global):4: is not UTF-8 text"), result.stdout)
        XCTAssertFalse(result.stdout.contains("\(global):2:"), result.stdout)
    }

    // MARK: 3. One bad corner of the configuration does not stop every job

    /// Saved GOCDB and VAPOR answers in `directory`/feeds: one site with one endpoint, one downtime.
    private func offlineFeeds(_ directory: TempDirectory) -> String {
        directory.write("feeds/get_site.xml", "<results>\(Self.site("S1", roc: "NGI_A"))</results>")
        directory.write("feeds/get_service_endpoint.xml", "<results>\(Self.endpoint("1G0", host: "h.example.org"))</results>")
        directory.write("feeds/get_downtime.xml", "<results/>")
        directory.write("feeds/vapor.json", #"[{"ngi": "NGI_A", "site": [{"id": "S1", "ComputationPower": 3}]}]"#)
        return directory.file("feeds")
    }

    /// Two customers, GOOD and BAD, one job each (both on the offline feeds), state files on.
    private func twoCustomers(_ directory: TempDirectory, badExtra: String = "", badJob: String = "") -> ConfigFiles {
        let feeds = offlineFeeds(directory)
        let job = { (section: String) in
            "[\(section)]\nDirname = \(section)\nTopoFeed = file://\(feeds)/\nDowntimesFeed = file://\(feeds)/\nWeightsFeed = file://\(feeds)/vapor.json\n"
        }
        let customers = "[CUSTOMER_BAD]\nName = BAD\nOutputDir = @OUT@/bad\nJobs = JOB_BAD\n\(badExtra)\n" + job("JOB_BAD") + badJob + "\n"
            + "[CUSTOMER_GOOD]\nName = GOOD\nOutputDir = @OUT@/good\nJobs = JOB_GOOD\n\n" + job("JOB_GOOD")
        var files = ConfigFiles(in: directory, customers: customers)
        files.set("InputState", "SaveDir", directory.file("states"))
        return files
    }

    private func state(_ directory: TempDirectory, _ customer: String, _ connector: String) -> String? {
        try? String(contentsOfFile: directory.file("states/\(customer)/JOB_\(customer)/\(connector)-ok_2026_11_28"), encoding: .utf8)
    }

    func testAnUnwritableOutputDirFailsOnlyItsCustomer() throws {
        let directory = TempDirectory()
        directory.write("out/bad", "a file where the customer's folder should be")
        let files = twoCustomers(directory)
        let result = runApp(["topology", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(result.status, 1, result.output)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("ERROR") && !$0.contains(" summary: failed") }
        XCTAssertEqual(errors.count, 1, result.stderr)
        XCTAssertTrue(errors[0].contains("Customer:BAD Job:JOB_BAD not run: \(directory.file("customer.conf")):3: [CUSTOMER_BAD] OutputDir"), result.stderr)
        XCTAssertEqual(avroLines(directory.file("out/good/JOB_GOOD/group_endpoints_2026_11_28.avro")).count, 1)
        XCTAssertEqual(state(directory, "BAD", "topology"), "False")
        XCTAssertEqual(state(directory, "GOOD", "topology"), "True")
        XCTAssertEqual(runApp(["validate-config"] + files.write()).status, 1, "validate-config still reports it")
    }

    func testAJobsBadTagValueStopsOnlyItsTopology() throws {
        let directory = TempDirectory()
        let files = twoCustomers(directory, badJob: "TopoSelectGroupOfGroups = Certification:Approved\n")
        let topology = runApp(["topology", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(topology.status, 1, topology.output)
        XCTAssertTrue(topology.stderr.contains("Customer:BAD Job:JOB_BAD not run: \(directory.file("customer.conf")):"), topology.stderr)
        XCTAssertTrue(topology.stderr.contains("Certification:Approved is not allowed"), topology.stderr)
        XCTAssertEqual(state(directory, "GOOD", "topology"), "True")
        let downtimes = runApp(["downtimes", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(downtimes.status, 0, "the tag concerns topology only: \(downtimes.output)")
        XCTAssertEqual(state(directory, "BAD", "downtimes"), "True")
    }

    func testProfilesWithoutPoemOptionsStopOnlyThatJobsPoem() throws {
        let directory = TempDirectory()
        let files = twoCustomers(directory, badJob: "Profiles = ARGO_MON\n")
        let poem = runApp(["poem", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(poem.status, 1, poem.output)
        XCTAssertTrue(poem.stderr.contains("Job:JOB_BAD not run:") && poem.stderr.contains("Profiles needs PoemNamespace, PoemServerHost, PoemServerVO too"), poem.stderr)
        XCTAssertEqual(state(directory, "BAD", "poem"), "False")
        XCTAssertEqual(runApp(["weights", "-d", "2026-11-28"] + files.write()).status, 0)
    }

    func testAMissingSchemaStopsOnlyItsConnector() throws {
        let directory = TempDirectory()
        var files = twoCustomers(directory)
        files.set("AvroSchemas", "Weights", nil)
        let weights = runApp(["weights", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(weights.status, 1, weights.output)
        XCTAssertEqual(weights.stderr.split(separator: "\n").filter { $0.contains("not run:") && $0.contains("[AvroSchemas] needs the option Weights") }.count, 2,
                       weights.stderr)
        XCTAssertEqual(state(directory, "GOOD", "weights"), "False")
        let topology = runApp(["topology", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(topology.status, 0, topology.output)
        XCTAssertEqual(state(directory, "GOOD", "topology"), "True")
    }

    func testOneCustomersIncompleteAmsSettingsFailOnlyItsJobs() throws {
        let ams = FakeAms(token: "ams-token")
        let amsServer = try TestHTTPServer(handler: ams.respond)
        let directory = TempDirectory()
        var files = twoCustomers(directory, badExtra: "AmsToken = \n")
        files.set("General", "PublishAms", "True")
        for (key, value) in [("Host", amsServer.baseURL), ("Project", "EGI"), ("Topic", "T")] { files.set("AMS", key, value) }
        files.customerText = files.customerText.replacingOccurrences(of: "Jobs = JOB_GOOD", with: "Jobs = JOB_GOOD\nAmsToken = ams-token")
        let result = runApp(["weights", "-d", "2026-11-28"] + files.write())
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.stderr.contains("Customer:BAD Job:JOB_BAD not run:") && result.stderr.contains("PublishAms is on but the AMS settings lack Token"), result.stderr)
        XCTAssertEqual(state(directory, "GOOD", "weights"), "True")
        XCTAssertEqual(ams.messages.count, 1, "GOOD's weights were published")
    }

    func testWhatMakesTheWholeRunMeaninglessStillExitsTwo() throws {
        let directory = TempDirectory()
        var files = twoCustomers(directory)
        files.customerText += "\nthis line is not an option\n"
        XCTAssertEqual(runApp(["topology", "-d", "2026-11-28"] + files.write()).status, 2, "an unparsable file")
        files = twoCustomers(directory)
        files.customerText = "[JOB_X]\nDirname = X\n"
        XCTAssertEqual(runApp(["topology", "-d", "2026-11-28"] + files.write()).status, 2, "no customers")
        files = twoCustomers(directory)
        files.set("General", "WriteAvro", "perhaps")
        XCTAssertEqual(runApp(["topology", "-d", "2026-11-28"] + files.write()).status, 2, "a global option")
    }

    // MARK: 9. Every remaining difference written down

    func testMigrationGuideCoversTheDifferencesOperatorsAskAbout() throws {
        let guide = try String(contentsOfFile: Paths.root.appendingPathComponent("docs/migration.md").path, encoding: .utf8)
        for topic in ["Scopes", "Scope tag without a Scope selection", "A group selection that selects nothing", "Several POEM profiles per job",
                      "Duplicate downtimes", "Exit status", "AMS with PackSingleMsg off", "AMS key", "State files",
                      "Default day", "Reading the files", "Feed URLs", "Duplicates", "`[Connection] Timeout`", "Client certificates"] {
            XCTAssertTrue(guide.contains("| \(topic)"), "docs/migration.md has a row for \(topic)")
        }
        let operators = try String(contentsOfFile: Paths.root.appendingPathComponent("docs/operators-guide.md").path, encoding: .utf8)
        XCTAssertFalse(operators.contains("records' fields\n  and tags"), "no claim that everything is identical")
        let configuration = try String(contentsOfFile: Paths.root.appendingPathComponent("docs/configuration.md").path, encoding: .utf8)
        XCTAssertFalse(configuration.contains("arrives with a later version"))
    }
}
