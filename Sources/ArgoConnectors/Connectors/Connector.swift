import ArgoModel

/// A feed-specific connector. It only knows its feed: what to fetch, how
/// to parse it and how to map it to records; configuration, HTTP, the job
/// loop and delivery are shared.
package protocol Connector: Sendable {
    /// Identifies one fetch; jobs whose feeds are equal share it.
    associatedtype Feed: Hashable & Sendable
    associatedtype FeedData: Sendable

    /// `topology`, `downtimes`, ...: used in logs and state files.
    var name: String { get }
    /// The feed a job needs, or nil when the connector has nothing to do for it.
    func feed(for customer: CustomerConfig, job: JobConfig) -> Feed?
    /// Where the feed comes from, for messages (credentials removed).
    func describe(_ feed: Feed) -> String
    /// Called concurrently for distinct feeds: anything shared between
    /// fetches is `Sendable` (see `OnceCache`).
    func fetch(_ feed: Feed) throws -> FeedData
    /// The job's records; depends only on the data and the job's own configuration.
    func produce(_ data: FeedData, for target: JobTarget) throws -> JobProduct
}
