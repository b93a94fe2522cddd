import ArgoModel
import FoundationEssentials
import Glibc

/// The wall clock and the host's time zone: which day it is where the run
/// is. A run's comes from its `RunEnvironment`; a test gives a fixed one.
package protocol RunCalendar: Sendable {
    /// Now, on the wall clock.
    func now() -> Date
    /// Seconds the local clock is ahead of UTC at `date` (daylight saving included).
    func utcOffsetSeconds(at date: Date) -> Int
}

extension RunCalendar {
    /// Yesterday in local time: the default day of every connector.
    package func yesterday() -> RunDate {
        let now = now()
        return RunDate.yesterday(now: now, utcOffsetSeconds: utcOffsetSeconds(at: now))
    }
}

/// The host's: its clock, its time zone (`TZ`, else /etc/localtime) as the C library sees it.
package struct SystemCalendar: RunCalendar {
    package init() {}

    package func now() -> Date { Date() }

    package func utcOffsetSeconds(at date: Date) -> Int {
        tzset()
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return 0 }
        return parts.tm_gmtoff
    }
}
