import Foundation
import XCTest
import ArgoCLI
import ArgoModel
import ArgoSystem
import ArgoCLITestSupport
import ArgoTestSupport

/// Issue #21, part 3: the installed cron line, run as cron runs it (`env -i`,
/// cron's PATH), on the offline 2.3.1 example: nothing on stdout or stderr
/// on success (cron mails nothing), one summary line per connector and job
/// in syslog (a listener on a test socket, facility user) and in the log file.
final class CronRunTests: XCTestCase {
    /// A syslog daemon's socket: the datagrams it received.
    final class SyslogListener: @unchecked Sendable {
        let path: String
        private let descriptor: Int32
        private let lock = NSLock()
        private var received: [String] = []
        private var thread: Thread?

        init(path: String) throws {
            self.path = path
            descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in for (index, byte) in path.utf8.enumerated() { raw[index] = byte } }
            let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
            guard bound == 0 else { throw CocoaError(.fileWriteUnknown) }
            let thread = Thread { [self] in
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let count = recv(descriptor, &buffer, buffer.count, 0)
                    guard count > 0 else { return }
                    let message = String(decoding: buffer.prefix(count), as: UTF8.self)
                    lock.lock(); received.append(message); lock.unlock()
                }
            }
            thread.start()
            self.thread = thread
        }

        var messages: [String] { lock.lock(); defer { lock.unlock() }; return received }

        deinit {
            shutdown(descriptor, Int32(SHUT_RDWR))
            close(descriptor)
            unlink(path)
        }
    }

    func testTheCronLineLogsLikeTheOriginalAndMailsNothingOnSuccess() throws {
        let directory = TempDirectory()
        let root = directory.file("root")
        try Kit.install(into: root)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(root)/etc/logrotate.d/argo-egi-connectors"))
        XCTAssertTrue(try String(contentsOfFile: "\(root)/etc/logrotate.d/argo-egi-connectors", encoding: .utf8).contains("/var/log/argo-connectors/connectors.log {"))
        // The cron line as installed, its paths moved under the test's root, with this test's configuration.
        let cron = try String(contentsOfFile: "\(root)/etc/cron.d/argo-egi-connectors", encoding: .utf8)
        let line = try XCTUnwrap(cron.split(separator: "\n").first { $0.hasPrefix("30 0 * * * root ") })
        let path = try XCTUnwrap(cron.split(separator: "\n").first { $0.hasPrefix("PATH=") }).dropFirst(5)
        var command = line.dropFirst("30 0 * * * root ".count).split(separator: " ").map(String.init)
        XCTAssertEqual(Array(command.dropFirst()), ["all", "--quiet", "--syslog", "--log-file", "/var/log/argo-connectors/connectors.log"])
        command[0] = root + command[0]
        command[5] = root + command[5]
        let configs = Kit.offlineExample(in: directory)
        let listener = try SyslogListener(path: directory.file("log.sock"))
        let result = runBinary(Array(command.dropFirst()) + ["-c", configs[1], "-g", configs[0], "-d", "2022-10-27"],
                               environment: ["PATH": String(path), "ARGO_CONNECTORS_SYSLOG_SOCKET": listener.path], executable: command[0])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "", "nothing for cron to mail")
        XCTAssertEqual(result.stderr, "", "nothing for cron to mail")
        Thread.sleep(forTimeInterval: 0.2)
        let summaries = listener.messages.filter { $0.contains(" summary: ") }
        // topology 7 tenants, downtimes 2, weights 1 job, metric profiles 7 jobs, service types 3.
        XCTAssertEqual(summaries.count, 20, listener.messages.joined(separator: "\n"))
        XCTAssertTrue(summaries.allSatisfy { $0.hasPrefix("<14>") && $0.contains(" argo-connectors[") && $0.contains("]: INFO ") && $0.contains(" summary: ok in ") },
                      summaries.joined(separator: "\n"))
        XCTAssertTrue(summaries.contains { $0.contains("INFO topology Customer:EOSC summary: ok in ") && $0.contains("TopologyGroupOfEndpoints 9 → ") })
        let logFile = try String(contentsOfFile: command[5], encoding: .utf8)
        XCTAssertEqual(logFile.split(separator: "\n").filter { $0.contains(" summary: ") }.count, 20)
        XCTAssertTrue(logFile.split(separator: "\n").allSatisfy { $0.count > 21 && $0.dropFirst(20).hasPrefix(" ") }, "timestamped lines")
    }

    /// `-v` logs each request; `--syslog-facility` picks another facility; `-q` keeps errors on stderr.
    func testVerboseRequestsAndAnotherFacility() throws {
        let directory = TempDirectory()
        let server = try TestHTTPServer(handler: FakeGocdb.egi().respond)
        let args = ConfigFiles(in: directory, customers: customerConf(name: "X", jobs: [("JOB_X", "X", "TopoFeed = \(server.baseURL)/gocdbpi/")])).write()
        let listener = try SyslogListener(path: directory.file("log.sock"))
        let verbose = runApp(["topology", "-d", "2026-11-28", "-v", "--syslog", "--syslog-facility", "local3"] + args,
                             variables: ["ARGO_CONNECTORS_SYSLOG_SOCKET": listener.path])
        XCTAssertEqual(verbose.status, 0, verbose.output)
        XCTAssertTrue(verbose.stderr.contains("DEBUG topology GET \(server.baseURL)/gocdbpi/private/?method=get_site&scope=: HTTP 200, "), verbose.stderr)
        XCTAssertTrue(verbose.stderr.contains(" bytes in ") && verbose.stderr.contains(" s, attempt 1 of 3\n"), verbose.stderr)
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertTrue(listener.messages.contains { $0.hasPrefix("<159>") && $0.contains("DEBUG topology GET ") }, "local3 debug: \(listener.messages)")
        XCTAssertTrue(listener.messages.contains { $0.hasPrefix("<158>") && $0.contains("summary: ok") }, "local3 info")
        let wrong = runApp(["topology", "--syslog-facility", "local3"] + args)
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("--syslog-facility goes with --syslog"), wrong.stderr)
        // -q: a failure still shows on stderr (cron mails it); the rest does not.
        let failing = ConfigFiles(in: directory, customers: customerConf(name: "X", jobs: [("JOB_X", "X", "TopoFeed = http://127.0.0.1:9/gocdbpi/")])).write()
        let quiet = runApp(["topology", "-d", "2026-11-28", "-q"] + failing)
        XCTAssertEqual(quiet.status, 1)
        XCTAssertTrue(quiet.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("ERROR ") }, quiet.stderr)
        XCTAssertFalse(quiet.stderr.isEmpty)
    }

    /// Issue #30, point 4: logs like the originals — the invoked name as
    /// syslog tag and in the log file with the pid, a start and an end line,
    /// a failed job's summary at ERROR, an unreachable syslog said once.
    func testLogsCarryTheScriptNameAStartAndAnEndLine() throws {
        let directory = TempDirectory()
        let server = try TestHTTPServer(handler: FakeGocdb.egi().respond)
        let jobs = [("JOB_X", "X", "TopoFeed = \(server.baseURL)/gocdbpi/"), ("JOB_Y", "Y", "TopoFeed = http://127.0.0.1:9/gocdbpi/")]
        let args = ConfigFiles(in: directory, customers: customerConf(name: "X", jobs: jobs)).write()
        let listener = try SyslogListener(path: directory.file("log.sock"))
        let log = directory.file("run.log")
        let run = runApp(["-d", "2026-11-28", "-q", "--syslog", "--log-file", log] + args, variables: ["ARGO_CONNECTORS_SYSLOG_SOCKET": listener.path],
                         programName: "/usr/libexec/argo-egi-connectors/topology-gocdb-connector.py")
        XCTAssertEqual(run.status, 1, run.output)
        XCTAssertTrue(run.stderr.contains("ERROR topology Customer:X Job:JOB_Y summary: failed in "), "a failure's summary is an error (-q shows it): \(run.stderr)")
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertTrue(listener.messages.allSatisfy { $0.contains(" topology-gocdb-connector.py[") }, "the tag is the script name: \(listener.messages)")
        XCTAssertTrue(listener.messages.contains { $0.hasPrefix("<11>") && $0.contains("summary: failed") }, "user.err")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(lines.allSatisfy { $0.dropFirst(21).hasPrefix("topology-gocdb-connector.py[") }, "program[pid] on every line: \(lines)")
        XCTAssertTrue(lines.first?.contains("INFO argo-connectors start: topology for 2026-11-28, configuration: \(args[1]) (-c), \(args[3]) (-g)") == true,
                      "\(lines.first ?? "")")
        XCTAssertTrue(lines.last?.contains("INFO argo-connectors end: exit 1 in ") == true, "\(lines.last ?? "")")
        // No syslog daemon at the socket: said once, on stderr, even with -q.
        let deaf = runApp(["topology", "-d", "2026-11-28", "-q", "--syslog"] + args, variables: ["ARGO_CONNECTORS_SYSLOG_SOCKET": directory.file("none.sock")])
        XCTAssertEqual(deaf.stderr.components(separatedBy: "WARNING --syslog: \(directory.file("none.sock")) cannot be reached").count, 2, deaf.stderr)
    }

    /// Issue #30, point 2: a day after tomorrow is a typo until said otherwise; a future run deletes no state file.
    func testADateAfterTomorrowIsRefusedAndAFutureRunPrunesNothing() throws {
        let directory = TempDirectory()
        let server = try TestHTTPServer(handler: FakeGocdb.egi().respond)
        var files = ConfigFiles(in: directory, customers: customerConf(name: "X", jobs: [("JOB_X", "X", "TopoFeed = \(server.baseURL)/gocdbpi/")]))
        files.set("InputState", "SaveDir", directory.file("state"))
        files.set("InputState", "Days", "1")
        let args = files.write()
        let today = SystemCalendar().yesterday().adding(days: 1)
        XCTAssertEqual(runApp(["topology", "-d", "\(today)"] + args).status, 0)
        let todayState = directory.file("state/X/X/topology-ok_\(today.description.replacing("-", with: "_"))")
        XCTAssertTrue(FileManager.default.fileExists(atPath: todayState))
        let typo = "\(today.adding(days: 3650))"
        let refused = runApp(["topology", "-d", typo] + args)
        XCTAssertEqual(refused.status, 2, refused.output)
        XCTAssertTrue(refused.stderr.contains("-d \(typo) is after tomorrow (\(today.adding(days: 1))): a mistyped year? --allow-future runs it"), refused.stderr)
        XCTAssertTrue(server.requests.count <= 2, "nothing fetched for the refused day")
        XCTAssertEqual(runApp(["topology", "-d", "\(today.adding(days: 1))"] + args).status, 0, "tomorrow is allowed")
        let future = runApp(["topology", "-d", typo, "--allow-future"] + args)
        XCTAssertEqual(future.status, 0, future.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: todayState), "Days = 1, yet today's state file is kept: a future run prunes nothing")
    }
}
