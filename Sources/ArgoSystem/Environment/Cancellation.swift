import ArgoModel
import Synchronization

/// A request to stop a run (SIGTERM or SIGINT: a shutdown, cron's time
/// limit, Ctrl-C): no new work starts, transfers in flight are abandoned,
/// files being written are dropped, unfinished jobs are recorded as failed.
/// Made at the top and passed down; whoever owns the signals calls `cancel`.
package final class Cancellation: Sendable {
    private let signal = Atomic<Int32>(0)

    package init() {}

    /// Asks the run to stop. Async-signal-safe: one atomic store.
    package func cancel(signal number: Int32) {
        signal.store(number, ordering: .relaxed)
    }

    package var isCancelled: Bool { signal.load(ordering: .relaxed) != 0 }

    /// `SIGTERM` or `SIGINT`, for messages.
    package var reason: String {
        switch signal.load(ordering: .relaxed) {
        case 2: return "SIGINT"
        case 15: return "SIGTERM"
        default: return "a signal"
        }
    }

    /// Throws when the run was asked to stop; `what` names the work abandoned.
    package func check(_ what: String) throws {
        if isCancelled { throw OutputError(what, "interrupted by \(reason)") }
    }
}
