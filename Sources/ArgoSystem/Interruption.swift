import Glibc
import ArgoModel
import Synchronization

/// SIGTERM and SIGINT (a shutdown, cron's time limit, Ctrl-C): the first
/// asks the run to stop — no new work starts, transfers in flight are
/// abandoned, files being written are dropped, unfinished jobs are recorded
/// as failed — and the second ends the process at once.
package enum Interruption {
    private static let signal = Atomic<Int32>(0)

    /// Installs the handlers (once, at start).
    package static func install() {
        for number in [SIGTERM, SIGINT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                // Async-signal-safe only: remember it, and let a second one kill.
                Interruption.signal.store(number, ordering: .relaxed)
                Glibc.signal(number, SIG_DFL)
            }
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
    }

    /// Whether a signal asked the run to stop.
    package static var requested: Bool { signal.load(ordering: .relaxed) != 0 }

    /// `SIGTERM` or `SIGINT`, for messages.
    package static var signalName: String {
        switch signal.load(ordering: .relaxed) {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "a signal"
        }
    }

    /// Throws when a signal asked the run to stop.
    package static func check(_ what: String) throws {
        if requested { throw OutputError(what, "interrupted by \(signalName)") }
    }
}
