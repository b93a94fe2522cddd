import ArgoModel

/// Which customer, job and day a job run is for: what connectors and
/// state files see of the configuration.
package struct JobTarget: Sendable {
    package let customer: CustomerConfig
    package let job: JobConfig
    package let date: RunDate

    package init(customer: CustomerConfig, job: JobConfig, date: RunDate) {
        self.customer = customer
        self.job = job
        self.date = date
    }

    /// `Customer:X Job:Y`, the prefix of every log line about a job.
    package var label: String { "Customer:\(customer.name) Job:\(job.section)" }
}
