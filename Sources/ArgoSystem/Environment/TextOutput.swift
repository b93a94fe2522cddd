/// Where a run writes text: standard output for results, standard error
/// for messages, or a buffer in a test. Made once at the top and passed
/// down in `RunEnvironment`, so no layer reaches for the process's streams.
package protocol TextOutput: Sendable {
    /// Writes `line` and a newline; returns the errno when it could not be
    /// written (a full disk, a closed pipe). Never a crash.
    @discardableResult
    func writeLine(_ line: String) -> Int32?
    /// Writes what is buffered; returns the errno when it could not (a reader gone away).
    @discardableResult
    func flush() -> Int32?
    /// Whether a person watches it (a terminal): the progress line is drawn only then.
    var isTerminal: Bool { get }
}
