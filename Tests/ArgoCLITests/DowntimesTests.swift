import XCTest
import ArgoCLI
import ArgoConnectors
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// `argo-connectors downtimes` end to end against a loopback GOCDB.
final class DowntimesTests: XCTestCase {
    static func downtime(_ id: Int, host: String, service: String = "SRM", classification: String = "SCHEDULED",
                         severity: String = "OUTAGE", start: String, end: String) -> String {
        """
          <DOWNTIME ID="\(id)" PRIMARY_KEY="\(id)G0" CLASSIFICATION="\(classification)">
            <PRIMARY_KEY>\(id)G0</PRIMARY_KEY>
            <HOSTNAME>\(host)</HOSTNAME>
            <SERVICE_TYPE>\(service)</SERVICE_TYPE>
            <SEVERITY>\(severity)</SEVERITY>
            <DESCRIPTION>kernel &lt;upgrade&gt; &amp; reboot</DESCRIPTION>
            <FORMATED_START_DATE>\(start)</FORMATED_START_DATE>
            <FORMATED_END_DATE>\(end)</FORMATED_END_DATE>
          </DOWNTIME>

        """
    }

    func testScheduledOutagesOfTheDayClippedAndSorted() throws {
        let gocdb = FakeGocdb()
        gocdb.downtimes = "<?xml version=\"1.0\"?>\n<results>\n" + [
            Self.downtime(1, host: "z.org", start: "2026-11-27 10:00", end: "2026-11-28 10:30"),
            Self.downtime(2, host: "a.org", start: "2026-11-28 08:00", end: "2026-11-28 09:00"),
            Self.downtime(3, host: "a.org", service: "CE", start: "2026-11-28 22:00", end: "2026-12-02 00:00"),
            Self.downtime(4, host: "w.org", severity: "WARNING", start: "2026-11-28 08:00", end: "2026-11-28 09:00"),
            Self.downtime(5, host: "u.org", classification: "UNSCHEDULED", start: "2026-11-28 08:00", end: "2026-11-28 09:00"),
            Self.downtime(6, host: "old.org", start: "2026-11-20 08:00", end: "2026-11-27 23:59"),
            Self.downtime(7, host: "a.org", start: "2026-11-28 08:00", end: "2026-11-28 09:00"),
        ].joined() + "</results>\n"
        let server = try TestHTTPServer(handler: gocdb.respond)
        let directory = TempDirectory()
        // The same feed spelled two ways.
        let customer = customerConf(jobs: [("JOB_A", "A", "DowntimesFeed = \(server.baseURL)"),
                                           ("JOB_B", "B", "DowntimesFeed = \(server.baseURL)/")])
        let result = runApp(["downtimes", "-d", "2026-11-28"] + ConfigFiles(in: directory, customers: customer).write())
        XCTAssertEqual(result.status, 0, result.output)
        let expected = [
            #"{"hostname": "a.org", "service": "CE", "start_time": "2026-11-28T22:00:00Z", "end_time": "2026-11-28T23:59:00Z"}"#,
            #"{"hostname": "a.org", "service": "SRM", "start_time": "2026-11-28T08:00:00Z", "end_time": "2026-11-28T09:00:00Z"}"#,
            #"{"hostname": "z.org", "service": "SRM", "start_time": "2026-11-28T00:00:00Z", "end_time": "2026-11-28T10:30:00Z"}"#,
        ]
        XCTAssertEqual(avroLines(directory.file("out/A/downtimes_2026_11_28.avro")), expected)
        XCTAssertEqual(avroLines(directory.file("out/B/downtimes_2026_11_28.avro")), expected)
        XCTAssertEqual(server.requests.count, 1, "both jobs' feeds are the same request")
        XCTAssertEqual(server.requests[0].target, "/gocdbpi/private/?method=get_downtime&windowstart=2026-11-28&windowend=2026-11-28",
                       "a base without a path gets /gocdbpi/")
        XCTAssertTrue(result.stderr.contains("INFO downtimes Customer:EGI Job:JOB_A Fetched Downtimes:3 for 2026-11-28"), result.stderr)
    }

    func testAnEmptyResultWritesAValidEmptyFile() throws {
        let gocdb = FakeGocdb()
        gocdb.downtimes = "<results/>"
        let server = try TestHTTPServer(handler: gocdb.respond)
        let directory = TempDirectory()
        let customer = "[CUSTOMER_EGI]\nName = EGI\nOutputDir = @OUT@\nJobs = JOB_A\n\n[JOB_A]\nDirname = A\nDowntimesFeed = \(server.baseURL)/gocdbpi/\n"
        let result = runApp(["downtimes", "-d", "2026-11-28"] + ConfigFiles(in: directory, customers: customer).write())
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(runApp(["cat", "--count", directory.file("out/A/downtimes_2026_11_28.avro")]).stdout, "0\n")
    }

    func testAnEmptyBodyIsRetriedThenFails() throws {
        let server = try TestHTTPServer { _ in .init(body: "") }
        let directory = TempDirectory()
        let customer = "[CUSTOMER_EGI]\nName = EGI\nOutputDir = @OUT@\nJobs = JOB_A\n\n[JOB_A]\nDirname = A\nDowntimesFeed = \(server.baseURL)/gocdbpi/\n"
        let result = runApp(["downtimes", "-d", "2026-11-28"] + ConfigFiles(in: directory, customers: customer).write())
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(server.requests.count, 3)
        XCTAssertTrue(result.stderr.contains("empty response (after 3 attempts)"), result.stderr)
    }
}
