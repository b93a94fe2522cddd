import ArgoModel
import ArgoSystem
import Logging

/// Which customer, job and day a job run is for: what connectors and
/// state files see of the configuration.
package struct JobTarget: Sendable {
    package let customer: CustomerConfig
    package let job: JobConfig
    package let date: RunDate
    /// Whether the work covers the whole customer (a 2.3.1 tenant's
    /// topology or downtimes), not one job.
    package let isCustomerWide: Bool

    package init(customer: CustomerConfig, job: JobConfig, date: RunDate) {
        self.customer = customer
        self.job = job
        self.date = date
        self.isCustomerWide = false
    }

    /// The unit of work of a connector that runs once per customer: its
    /// job is named after the customer and has no Dirname.
    package init(wholeCustomer customer: CustomerConfig, date: RunDate) {
        self.customer = customer
        self.job = JobConfig(section: customer.section, line: customer.line, dirname: "")
        self.date = date
        self.isCustomerWide = true
    }

    /// `OutputDir/Dirname`, or the customer's OutputDir for customer-wide work.
    package var outputDirectory: String {
        isCustomerWide ? customer.outputFolder : "\(customer.outputFolder)/\(job.dirname)"
    }

    /// A logger whose lines are about this job (`Customer:X Job:Y ...`), or customer.
    func logger(_ base: Logger) -> Logger {
        var logger = base
        logger[metadataKey: LogKey.customer] = "\(customer.name)"
        if !isCustomerWide { logger[metadataKey: LogKey.job] = "\(job.section)" }
        return logger
    }
}
