import Foundation
import XCTest
import ArgoModel
import ArgoSystem

/// The host's calendar reads the time zone as the C library does (`TZ`,
/// else /etc/localtime), on every call: cron's TZ is the one that counts.
final class RunCalendarTests: XCTestCase {
    func testTheSystemCalendarFollowsTZ() {
        let saved = ProcessInfo.processInfo.environment["TZ"]
        defer { if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }; tzset() }
        let calendar = SystemCalendar()
        let now = Date(timeIntervalSince1970: 1_795_863_600)  // 2026-11-28 11:00 UTC
        // POSIX names: Etc/GMT-14 is 14 hours *ahead* of UTC.
        for (zone, offset) in [("Etc/GMT-14", 14 * 3600), ("Etc/GMT+12", -12 * 3600), ("UTC", 0)] {
            setenv("TZ", zone, 1)
            XCTAssertEqual(calendar.utcOffsetSeconds(at: now), offset, zone)
        }
        setenv("TZ", "Etc/GMT-14", 1)
        XCTAssertEqual(RunDate.yesterday(now: now, utcOffsetSeconds: calendar.utcOffsetSeconds(at: now)), RunDate(year: 2026, month: 11, day: 28))
        XCTAssertLessThan(abs(calendar.now().timeIntervalSinceNow), 5, "the wall clock")
    }
}
