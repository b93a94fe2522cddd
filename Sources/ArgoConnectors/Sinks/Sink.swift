import ArgoModel
import ArgoSystem

/// A destination for job outputs (files, AMS, the WEB-API). One small
/// protocol with interchangeable implementations, as swift-log does for
/// handlers; each finds its destination for a job in the job's target.
package protocol Sink: Sendable {
    /// Short name for messages ("avro", "ams", "webapi").
    var name: String { get }
    /// Whether it sends records in Avro's binary encoding: a batch that more
    /// than one such sink takes is encoded once (`OutputBatch.encoded()`).
    var sendsAvroEncoding: Bool { get }
    /// Delivers all of one job's outputs; returns what was delivered of each
    /// output (path or message count). A failure leaves earlier deliveries
    /// of other jobs as they were.
    func deliver(_ batches: [OutputBatch], for target: JobTarget) throws -> [OutputKind: String]
    /// What `deliver` would do with `batch` (`--dry-run`); nil for a batch it does not take.
    func plan(_ batch: OutputBatch, for target: JobTarget) -> String?
    /// After a customer's last job: delivers what a sink gathers per
    /// customer (the WEB-API's topology and downtimes), unless a job of the
    /// customer failed (`complete` false: a partial union would be a wrong
    /// day); returns what was delivered. A failure fails the customer's jobs.
    func finishCustomer(_ customer: String, complete: Bool) throws -> [String]
}

/// A sink the configuration turns on: `SinkCatalogue` lists these, and each
/// builds itself from the configuration (`DryRunSink`, which stands in for
/// the chosen ones, is not one).
package protocol ConfiguredSink: Sink {
    /// This run's sink of its kind, or nil when the configuration does not
    /// turn it on for what the connector writes.
    static func make(_ context: SinkContext) -> Self?
}

extension Sink {
    package var sendsAvroEncoding: Bool { false }
    package func finishCustomer(_ customer: String, complete: Bool) throws -> [String] { [] }

    /// One output alone.
    package func deliver(_ batch: OutputBatch, for target: JobTarget) throws -> String {
        try deliver([batch], for: target)[batch.kind] ?? ""
    }
}

/// What a sink is made from: the run's configuration, what the connector
/// writes, and the run's client and cancellation.
package struct SinkContext: Sendable {
    package let global: GlobalConfig
    /// The outputs of the connector being run.
    package let outputs: [OutputKind]
    /// The run's feed client (a sink derives what its service needs from it).
    package let http: any FeedTransport
    let cancellation: Cancellation

    package init(global: GlobalConfig, outputs: [OutputKind], http: any FeedTransport, cancellation: Cancellation) {
        (self.global, self.outputs, self.http, self.cancellation) = (global, outputs, http, cancellation)
    }
}

/// Every kind of sink, as `ConnectorCatalogue` lists connectors: adding a
/// sink is its type and one line here.
package enum SinkCatalogue {
    /// In the order a job's outputs reach them: files before publishing.
    static let kinds: [any ConfiguredSink.Type] = [AvroFileSink.self, JSONFileSink231.self, AmsSink.self, WebAPISink.self]

    /// The sinks the configuration turns on for a connector's outputs.
    package static func sinks(_ context: SinkContext) -> [any Sink] {
        kinds.compactMap { $0.make(context) }
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
