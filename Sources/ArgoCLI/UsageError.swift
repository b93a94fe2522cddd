import ArgoModel

/// A command-line mistake: printed with the usage line, exit status 2.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let command: CommandSpec?
    public var description: String { message }
}
