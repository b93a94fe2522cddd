import ArgoModel

/// How each job of a run ended.
package struct RunOutcome: Sendable {
    package struct JobResult: Sendable {
        package let target: JobTarget
        package let succeeded: Bool
    }

    package var connector: ConnectorDescriptor
    package var jobs: [JobResult] = []
    /// Problems outside any job (a state file that could not be written).
    var otherFailures = 0
    package var succeeded: Bool { otherFailures == 0 && jobs.allSatisfy(\.succeeded) }

    package init(connector: ConnectorDescriptor) {
        self.connector = connector
    }

    /// The outcomes of one command's sources, as one.
    package init(merging outcomes: [RunOutcome]) {
        connector = outcomes[0].connector
        jobs = outcomes.flatMap(\.jobs)
        otherFailures = outcomes.reduce(0) { $0 + $1.otherFailures }
    }

    /// A run that could not start (its lock was held).
    package init(failing connector: ConnectorDescriptor) {
        self.connector = connector
        otherFailures = 1
    }
}
