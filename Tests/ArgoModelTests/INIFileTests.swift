import XCTest
@testable import ArgoModel
import ArgoTestSupport

final class INIFileTests: XCTestCase {
    private func parse(_ text: String) -> (INIFile, DiagnosticLog) {
        let log = DiagnosticLog()
        return (INIFile(text: text, path: "test.conf", log: log), log)
    }

    private func value(_ ini: INIFile, _ section: String, _ option: String) throws -> String? {
        try ini.value(section: section, option: option)?.value
    }

    func testDelimitersCaseAndWhitespace() throws {
        let (ini, log) = parse("[Sec]\nKey = value one \nOther: two\nSpaced  =  x=y:z\nIndented = a\n  b = c\n")
        XCTAssertFalse(log.hasErrors)
        XCTAssertEqual(try value(ini, "Sec", "key"), "value one")
        XCTAssertEqual(try value(ini, "Sec", "KEY"), "value one")
        XCTAssertEqual(try value(ini, "Sec", "other"), "two")
        XCTAssertEqual(try value(ini, "Sec", "spaced"), "x=y:z", "the first delimiter splits")
        XCTAssertEqual(try value(ini, "Sec", "indented"), "a\nb = c", "an indented line continues the value, as in ConfigParser")
        XCTAssertNil(ini.section(named: "sec"), "section names are case-sensitive, as in ConfigParser")
    }

    func testCommentsAndContinuationLines() throws {
        let text = "# top comment\n[S]\n; another\nlist = a,\n    b,\n\n    c\n# between\nnext = 1\n"
        let (ini, log) = parse(text)
        XCTAssertFalse(log.hasErrors)
        XCTAssertEqual(try value(ini, "S", "list"), "a,\nb,\nc", "Python 2.7 skips blank lines, also inside a value")
        XCTAssertEqual(try value(ini, "S", "next"), "1")
        XCTAssertEqual(ini.rawEntry(section: "S", option: "next")?.line, 9)
    }

    func testDefaultSectionAndInterpolation() throws {
        let text = """
        [DEFAULT]
        SchemaDir = /etc/schemas/
        Base = %(SchemaDir)sv2

        [AvroSchemas]
        Downtimes = %(SchemaDir)s/downtimes.avsc
        Nested = %(base)s/x
        Percent = 100%%
        Own = here
        UseOwn = %(own)s!
        """
        let (ini, log) = parse(text)
        XCTAssertFalse(log.hasErrors)
        XCTAssertEqual(try value(ini, "AvroSchemas", "Downtimes"), "/etc/schemas//downtimes.avsc")
        XCTAssertEqual(try value(ini, "AvroSchemas", "nested"), "/etc/schemas/v2/x")
        XCTAssertEqual(try value(ini, "AvroSchemas", "percent"), "100%%", "Python 2.7 takes a value without %( literally")
        XCTAssertEqual(try value(ini, "AvroSchemas", "useown"), "here!")
        XCTAssertEqual(try value(ini, "AvroSchemas", "schemadir"), "/etc/schemas/", "DEFAULT options are visible everywhere")
    }

    func testInterpolationErrorsNameKeyAndLine() {
        let (ini, _) = parse("[S]\na = %(missing)s\nloop = %(loop)s\nbad = 50% of %(a)s\n")
        XCTAssertThrowsError(try ini.value(section: "S", option: "a")) { error in
            XCTAssertEqual("\(error)", "test.conf:2: 'a' refers to '%(missing)s', which is not set in [S] or [DEFAULT]")
        }
        XCTAssertThrowsError(try ini.value(section: "S", option: "loop")) { error in
            XCTAssertTrue("\(error)".hasPrefix("test.conf:3: interpolation of 'loop' is nested deeper than 10"), "\(error)")
        }
        XCTAssertThrowsError(try ini.value(section: "S", option: "bad")) { error in
            XCTAssertTrue("\(error)".contains("must be followed by '%' or '(name)s'"))
        }
    }

    func testDuplicatesAndSyntaxErrorsCarryLines() {
        let (_, log) = parse("orphan = 1\n[A]\nx = 1\nX = 2\n[A]\n[B]\nno delimiter here\n = empty name\n")
        XCTAssertEqual(log.entries.map(\.description), [
            "test.conf:1: option outside any [section]: 'orphan = 1'",
            "test.conf:4: warning: option 'x' is set again in [A] (first at line 3); the last value is used, as ConfigParser did",
            "test.conf:5: warning: section [A] appears again (first at line 2); its options are merged into the first, as ConfigParser did",
            "test.conf:7: expected 'key = value', found 'no delimiter here'",
            "test.conf:8: expected 'key = value', found '= empty name'",
        ])
    }
}
