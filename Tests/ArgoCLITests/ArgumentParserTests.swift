import XCTest
@testable import ArgoCLI
@testable import ArgoModel
import ArgoTestSupport

final class ArgumentParserTests: XCTestCase {
    static let verbose = Flag("verbose", short: "v", help: "v")
    static let config = Option<String>("config", short: "c", value: "PATH", help: "c")
    static let jobs = Option<Int>("jobs", minimum: 1, help: "j")
    static let date = Option<RunDate>(date: "date", short: "d", help: "d")
    static let command = CommandSpec(name: "demo", summary: "s", options: [verbose, config, jobs, date],
                                     positionals: "FILE...", positionalRange: 0...2) { _, _ in .success }

    private func parse(_ arguments: [String]) throws -> ParsedArguments {
        guard case .run(let parsed) = try ArgumentParser.parse(arguments, for: Self.command) else {
            throw UsageError(message: "help was asked for", command: nil)
        }
        return parsed
    }

    private func usageError(_ arguments: [String]) -> String {
        do {
            _ = try parse(arguments)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testOptionsAreReadThroughTheirDeclarationsWithTheirTypes() throws {
        let parsed = try parse(["-v", "--config=/etc/x.conf", "--jobs", "3", "-d2026-02-28", "file"])
        XCTAssertTrue(parsed[Self.verbose])
        XCTAssertEqual(try parsed.value(Self.config), "/etc/x.conf")
        XCTAssertEqual(try parsed.value(Self.jobs), 3)
        XCTAssertEqual(try parsed.value(Self.date), RunDate(year: 2026, month: 2, day: 28))
        XCTAssertEqual(parsed.positionals, ["file"])
        let empty = try parse([])
        XCTAssertFalse(empty[Self.verbose])
        XCTAssertNil(try empty.value(Self.jobs))
    }

    func testValuesThatDoNotConvertNameTheOptionAndTheValue() throws {
        XCTAssertThrowsError(try parse(["--jobs", "0"]).value(Self.jobs)) { XCTAssertEqual("\($0)", "--jobs 0 is not a whole number ≥ 1") }
        XCTAssertThrowsError(try parse(["-d", "2026-02-30"]).value(Self.date)) {
            XCTAssertEqual("\($0)", "-d 2026-02-30 is not a calendar date of the form YYYY-MM-DD")
        }
        XCTAssertThrowsError(try parse([]).required(Self.date)) { XCTAssertEqual("\($0)", "'demo' needs -d YYYY-MM-DD") }
    }

    func testMistakesAreUsageErrors() {
        XCTAssertEqual(usageError(["--verbos"]), "unknown option --verbos for 'demo' (did you mean --verbose?)")
        XCTAssertEqual(usageError(["-c"]), "option -c needs a value (PATH)")
        XCTAssertEqual(usageError(["--jobs", "1", "--jobs", "2"]), "option --jobs given twice")
        XCTAssertEqual(usageError(["--verbose=yes"]), "option --verbose takes no value")
        XCTAssertEqual(usageError(["a", "b", "c"]), "too many arguments")
    }

    func testHelpIsAnOptionOnlyWhereAnOptionCanStand() throws {
        for asks in [["-h"], ["--help"], ["-v", "-h", "file"], ["--bogus", "--help"]] {
            guard case .help = try ArgumentParser.parse(asks, for: Self.command) else { return XCTFail("\(asks) asks for help") }
        }
        XCTAssertEqual(try parse(["--", "-h"]).positionals, ["-h"], "after -- it is a file name")
        XCTAssertEqual(try parse(["-c", "-h"]).value(Self.config), "-h", "as an option's value it is the value")
        XCTAssertEqual(try parse(["--config", "--help"]).value(Self.config), "--help")
        XCTAssertEqual(try parse(["-c-h"]).value(Self.config), "-h")
    }
}
