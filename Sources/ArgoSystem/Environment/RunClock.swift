import Glibc

/// Time as a run needs it: a clock that never jumps, for intervals and
/// deadlines, and waits that a cancellation cuts short. Tests pass their own.
package protocol RunClock: Sendable {
    /// Seconds on a monotonic clock.
    func now() -> Double
    /// Waits `seconds`, or less when `cancellation` asks the run to stop.
    func sleep(_ seconds: Double, cancellation: Cancellation)
}

/// The system's monotonic clock.
package struct SystemClock: RunClock {
    package init() {}

    package func now() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Sleeps in slices of at most 0.2 s, so that a signal ends the wait
    /// between attempts (which may be a minute) at once.
    package func sleep(_ seconds: Double, cancellation: Cancellation) {
        let deadline = now() + seconds
        while !cancellation.isCancelled {
            let left = deadline - now()
            guard left > 0 else { return }
            let slice = min(left, 0.2)
            var wanted = timespec(tv_sec: Int(slice), tv_nsec: Int((slice - slice.rounded(.down)) * 1e9))
            var remaining = timespec()
            while nanosleep(&wanted, &remaining) != 0 && errno == EINTR && !cancellation.isCancelled { wanted = remaining }
        }
    }
}
