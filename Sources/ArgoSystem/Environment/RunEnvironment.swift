/// What a run takes from the process: where results and messages go, how
/// it is asked to stop, its clocks. Created once at the top
/// (`Application.main`, or a test) and passed down; nothing below the
/// command line reaches for a process global.
package struct RunEnvironment: Sendable {
    /// Results (`cat`, `validate-config`, the table of `all`).
    package var output: any TextOutput
    /// Messages and log lines.
    package var errors: any TextOutput
    package var cancellation: Cancellation
    /// A monotonic clock: timeouts and waits.
    package var clock: any RunClock
    /// The wall clock and time zone: the default day, the state files' today.
    package var calendar: any RunCalendar
    /// Environment variables a command reads (`AMS_TOKEN` for replay).
    package var variables: [String: String]
    /// The name it was invoked by (`topology-gocdb-connector.py`): the syslog tag and the log file's program.
    package var programName = "argo-connectors"

    package init(output: any TextOutput, errors: any TextOutput, cancellation: Cancellation,
                 clock: any RunClock = SystemClock(), calendar: any RunCalendar = SystemCalendar(), variables: [String: String] = [:]) {
        self.output = output
        self.errors = errors
        self.cancellation = cancellation
        self.clock = clock
        self.calendar = calendar
        self.variables = variables
    }

    /// The process's own streams and variables.
    package static func standard(cancellation: Cancellation, variables: [String: String]) -> RunEnvironment {
        RunEnvironment(output: StandardStream.output, errors: StandardStream.errors, cancellation: cancellation, variables: variables)
    }
}
