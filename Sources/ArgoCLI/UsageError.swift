import ArgoModel

/// A command-line mistake: printed with the usage line, exit status 2.
struct UsageError: Error, CustomStringConvertible, Sendable {
    package let message: String
    package let command: CommandSpec?
    package var description: String { message }
}
