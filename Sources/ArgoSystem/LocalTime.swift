import ArgoModel
import FoundationEssentials
import Glibc

/// The host's time zone (`TZ`, else /etc/localtime), as the C library sees it.
package enum LocalTime {
    /// Seconds the local clock is ahead of UTC at `date` (daylight saving included).
    package static func utcOffsetSeconds(at date: Date = Date()) -> Int {
        tzset()
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return 0 }
        return parts.tm_gmtoff
    }

    /// Yesterday in local time: the default day of every connector.
    package static func yesterday(now: Date = Date()) -> RunDate {
        RunDate.yesterday(now: now, utcOffsetSeconds: utcOffsetSeconds(at: now))
    }
}
