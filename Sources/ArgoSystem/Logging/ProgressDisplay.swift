import Glibc
import Synchronization

/// One self-rewriting status line for long downloads on the terminal that
/// is standard error. Made only when a person watches (never under cron)
/// and not with --quiet.
package final class ProgressDisplay: TransferObserver {
    private let clock: any RunClock

    package init(clock: any RunClock) {
        self.clock = clock
    }

    private struct State {
        var received: [ObjectIdentifier: (url: String, bytes: Int64)] = [:]
        var finishedBytes: Int64 = 0
        var finishedResponses = 0
        var lastDraw: Double = 0
        var shown = false
    }

    private let state = Mutex(State())

    package func progressed(_ transfer: ObjectIdentifier, url: String, bytes: Int64) {
        state.withLock { state in
            state.received[transfer] = (url, bytes)
            let now = clock.now()
            guard now - state.lastDraw > 0.2 else { return }
            state.lastDraw = now
            let total = state.finishedBytes + state.received.values.reduce(0) { $0 + $1.bytes }
            let current = state.received.values.first?.url ?? ""
            let megabytes = Double(total) / 1_048_576
            let line = "↓ \(Int(megabytes)).\(Int(megabytes * 10) % 10) MB, \(state.finishedResponses) responses done, "
                + "\(state.received.count) in flight: \(current.suffix(60))"
            FileDescriptor.writeAll(STDERR_FILENO, Array(("\r\u{1B}[K" + line).utf8))
            state.shown = true
        }
    }

    package func finished(_ transfer: ObjectIdentifier) {
        state.withLock { state in
            guard let done = state.received.removeValue(forKey: transfer) else { return }
            state.finishedBytes += done.bytes
            state.finishedResponses += 1
        }
    }

    /// Removes the status line before a log line is printed.
    func clear() {
        state.withLock { state in
            guard state.shown else { return }
            FileDescriptor.writeAll(STDERR_FILENO, Array("\r\u{1B}[K".utf8))
            state.shown = false
        }
    }
}
