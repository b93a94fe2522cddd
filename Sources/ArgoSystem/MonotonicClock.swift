import Glibc

/// Seconds on a clock that never jumps (for intervals, not dates).
package enum MonotonicClock {
    package static func now() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
