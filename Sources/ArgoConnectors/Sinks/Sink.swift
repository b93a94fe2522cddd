import ArgoModel

/// A destination for job outputs (files, AMS, the WEB-API). One small
/// protocol with interchangeable implementations, as swift-log does for handlers.
package protocol Sink: Sendable {
    /// Short name for messages ("avro", "ams", "webapi").
    var name: String { get }
    /// Delivers all of one job's outputs; returns what was delivered of each
    /// output (path or message count). A failure leaves earlier deliveries
    /// of other jobs as they were.
    func deliver(_ batches: [OutputBatch], to destination: JobDestination) throws -> [OutputKind: String]
    /// After a customer's last job: delivers what a sink gathers per
    /// customer (the WEB-API's topology and downtimes), unless a job of the
    /// customer failed (`complete` false: a partial union would be a wrong
    /// day); returns what was delivered. A failure fails the customer's jobs.
    func finishCustomer(_ customer: String, complete: Bool) throws -> [String]
}

extension Sink {
    package func finishCustomer(_ customer: String, complete: Bool) throws -> [String] { [] }

    /// One output alone.
    package func deliver(_ batch: OutputBatch, to destination: JobDestination) throws -> String {
        try deliver([batch], to: destination)[batch.kind] ?? ""
    }
}

extension Sequence where Element == OutputBatch {
    /// What `describe` says of each batch, keyed by its output.
    func delivered(_ describe: (OutputBatch) throws -> String) rethrows -> [OutputKind: String] {
        var results: [OutputKind: String] = [:]
        for batch in self { results[batch.kind] = try describe(batch) }
        return results
    }
}
