import Foundation
import XCTest
@testable import ArgoCLI
@testable import ArgoModel
@testable import ArgoSystem
@testable import ArgoTestSupport

/// Issue #31: hostile sources and local files, part 3 — bounded, named, nothing partial.
final class HostileLocalFilesTests: XCTestCase {
    /// A 100 GB sparse file: no byte written, any size claimed.
    private func sparse(_ directory: TempDirectory, _ name: String) -> String {
        let path = directory.file(name)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(ftruncate(fd, 100 << 30), 0)
        close(fd)
        return path
    }

    private func fifo(_ directory: TempDirectory, _ name: String) -> String {
        let path = directory.file(name)
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        return path
    }

    /// Point 3: diff, cat and check on a huge sparse file, a link to /dev/zero and a FIFO: refused at once, named.
    func testLocalFilesThatAreNotSoundFilesAreRefusedAtOnce() throws {
        let directory = TempDirectory()
        let good = directory.write("good.json", "[]")
        let zero = directory.file("zero.json")
        try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
        for (path, reason) in [(sparse(directory, "huge.json"), "is 107374182400 bytes, more than the 4096 MiB such a file may be"),
                               (zero, "is not a regular file (a FIFO, device or socket is not read)"),
                               (fifo(directory, "fifo.json"), "is not a regular file")] {
            // The binary, under a timeout: a FIFO must not hang it, a sparse file must not make it allocate.
            let diff = runBinary(["diff", good, path], timeout: 20)
            XCTAssertEqual(diff.status, 2, "\(path): \(diff.output)")
            XCTAssertTrue(diff.stderr.contains("\(path): \(reason)"), diff.stderr)
            let cat = runBinary(["cat", path], timeout: 20)
            XCTAssertEqual(cat.status, 1, "\(path): \(cat.output)")
            XCTAssertTrue(cat.stderr.contains(reason), cat.stderr)
        }
    }

    /// Point 3: a 100 GB sparse counts file is a warning and the run goes on; a FIFO state file is no good day; a FIFO feed fails alone.
    func testStateFilesAndFeedsThatAreNotSoundFiles() throws {
        let directory = TempDirectory()
        let server = try TestHTTPServer(handler: FakeGocdb.egi().respond)
        let feeds = directory.file("feeds")
        try FileManager.default.createDirectory(atPath: feeds, withIntermediateDirectories: true)
        _ = fifo(directory, "feeds/get_site.xml")
        let jobs = [("JOB_A", "A", "TopoFeed = \(server.baseURL)/gocdbpi/"), ("JOB_F", "F", "TopoFeed = file://\(feeds)/")]
        var files = ConfigFiles(in: directory, customers: customerConf(name: "X", jobs: jobs))
        files.set("InputState", "SaveDir", directory.file("state"))
        let args = files.write()
        try FileManager.default.createDirectory(atPath: directory.file("state/X/A"), withIntermediateDirectories: true)
        _ = sparse(directory, "state/X/A/topology-counts")
        let run = runBinary(["topology", "-d", "2026-11-28"] + args, timeout: 60)
        XCTAssertEqual(run.status, 1, "JOB_F's feed fails, JOB_A runs: \(run.output)")
        XCTAssertTrue(run.stderr.contains("WARNING") && run.stderr.contains("topology-counts"), "the counts file is a warning: \(run.stderr)")
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/X/A/topology-ok_2026_11_28"), encoding: .utf8), "True")
        XCTAssertTrue(run.stderr.contains("file://\(feeds)/get_site.xml: is not a regular file"), run.stderr)
        XCTAssertEqual(try String(contentsOfFile: directory.file("state/X/F/topology-ok_2026_11_28"), encoding: .utf8), "False")
        // check: a FIFO where a state file should be is no good day, and check does not hang on it.
        try FileManager.default.removeItem(atPath: directory.file("state/X/A/topology-ok_2026_11_28"))
        _ = fifo(directory, "state/X/A/topology-ok_2026_11_27")
        let check = runBinary(["check", "--state-dir", directory.file("state"), "--today", "2026-11-29", "--days", "1", "topology"], timeout: 20)
        XCTAssertEqual(check.status, 2, check.output)
    }
}
