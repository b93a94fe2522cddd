import ArgoModel
import ArgoSystem
import Logging

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

    /// Whether the work covers the whole customer (`JobConfig.customerWide`), not one job.
    package var isCustomerWide: Bool { job.dirname.isEmpty }

    /// A logger whose lines are about this job (`Customer:X Job:Y ...`), or customer.
    package func logger(_ base: Logger) -> Logger {
        var logger = base
        logger[metadataKey: LogKey.customer] = "\(customer.name)"
        if !isCustomerWide { logger[metadataKey: LogKey.job] = "\(job.section)" }
        return logger
    }
}
