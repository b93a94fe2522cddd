/// How each job of a run ended.
public struct RunOutcome: Sendable {
    public struct JobResult: Sendable {
        public let target: JobTarget
        public let succeeded: Bool
    }

    public var connector: String
    public var jobs: [JobResult] = []
    /// Problems outside any job (a state file that could not be written).
    public var otherFailures = 0
    public var succeeded: Bool { otherFailures == 0 && jobs.allSatisfy(\.succeeded) }

    public init(connector: String) {
        self.connector = connector
    }

    /// A run that could not start (its lock was held).
    public init(failing connector: String) {
        self.connector = connector
        otherFailures = 1
    }
}
