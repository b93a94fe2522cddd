import ArgoSystem
import Glibc

/// SIGTERM and SIGINT for the process: the first cancels the run (see
/// `Cancellation`), the second ends the process at once. The only process
/// global of the tool, because a signal handler can reach nothing else; it
/// lives here, at the top, and only the `Cancellation` it owns is passed down.
enum Signals {
    private static let cancellation = Cancellation()

    /// Installs the handlers (once, at start) and returns what they cancel.
    static func install() -> Cancellation {
        let cancellation = cancellation  // initialised before any handler can run
        for number in [SIGTERM, SIGINT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                // Async-signal-safe only: remember it, and let a second one kill.
                Signals.cancellation.cancel(signal: number)
                Glibc.signal(number, SIG_DFL)
            }
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
        // A closed pipe is an error to handle where it happens (`cat | head`), never a silent death mid-run.
        signal(SIGPIPE, SIG_IGN)
        return cancellation
    }
}
