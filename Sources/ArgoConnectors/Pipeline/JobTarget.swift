import ArgoModel

/// Which customer, job and day a job run is for: what connectors and
/// state files see of the configuration.
public struct JobTarget: Sendable {
    public let customer: CustomerConfig
    public let job: JobConfig
    public let date: RunDate

    public init(customer: CustomerConfig, job: JobConfig, date: RunDate) {
        self.customer = customer
        self.job = job
        self.date = date
    }

    /// `Customer:X Job:Y`, the prefix of every log line about a job.
    public var label: String { "Customer:\(customer.name) Job:\(job.section)" }
}
