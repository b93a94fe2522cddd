import XCTest
@testable import ArgoConnectors
@testable import ArgoModel
import ArgoTestSupport

final class StateFilesTests: XCTestCase {
    private func target(_ day: Int) -> JobTarget {
        let customer = CustomerConfig(section: "CUSTOMER_X", line: 1, name: "X", outputDir: "/unused", ams: AmsSettings(),
                                      authentication: AuthenticationSettings())
        return JobTarget(customer: customer, job: JobConfig(section: "JOB_A", line: 2, dirname: "A"), date: RunDate(year: 2026, month: 3, day: day))
    }

    func testRecordsTrueOrFalseUnderCustomerAndDirname() throws {
        let directory = TempDirectory()
        let states = StateFiles(saveDir: directory.path, days: 3)
        try states.record(TopologyConnector.descriptor, target: target(10), succeeded: true)
        try states.record(WeightsConnector.descriptor, target: target(10), succeeded: false)
        XCTAssertEqual(try String(contentsOfFile: directory.file("X/A/topology-ok_2026_03_10"), encoding: .utf8), "True")
        XCTAssertEqual(try String(contentsOfFile: directory.file("X/A/weights-ok_2026_03_10"), encoding: .utf8), "False")
        let mode = try FileManager.default.attributesOfItem(atPath: directory.file("X/A/topology-ok_2026_03_10"))[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o644)
    }

    func testKeepsDaysFilesOfItsConnectorAndDeletesOlderOnes() throws {
        let directory = TempDirectory()
        let states = StateFiles(saveDir: directory.path, days: 3)
        for day in [1, 5, 6, 7] { try states.record(TopologyConnector.descriptor, target: target(day), succeeded: true) }
        directory.write("X/A/downtimes-ok_2026_03_01", "True")
        directory.write("X/A/notes.txt", "kept")
        try states.record(TopologyConnector.descriptor, target: target(8), succeeded: true)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.file("X/A")).sorted(), [
            "downtimes-ok_2026_03_01", "notes.txt", "topology-ok_2026_03_06", "topology-ok_2026_03_07", "topology-ok_2026_03_08",
        ])
    }

    func testPruningCrossesMonthAndYearEnds() throws {
        let directory = TempDirectory()
        let states = StateFiles(saveDir: directory.path, days: 2)
        let newYear = JobTarget(customer: target(1).customer, job: target(1).job, date: RunDate(year: 2027, month: 1, day: 1))
        let lastYear = JobTarget(customer: target(1).customer, job: target(1).job, date: RunDate(year: 2026, month: 12, day: 30))
        try states.record(PoemConnector.descriptor, target: lastYear, succeeded: true)
        try states.record(PoemConnector.descriptor, target: newYear, succeeded: true)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.file("X/A")), ["poem-ok_2027_01_01"])
        XCTAssertEqual(RunDate(year: 2024, month: 3, day: 1).adding(days: -1), RunDate(year: 2024, month: 2, day: 29))
        XCTAssertEqual(RunDate(year: 2026, month: 12, day: 31).adding(days: 1), RunDate(year: 2027, month: 1, day: 1))
    }
}
