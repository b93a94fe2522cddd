/// Records of one output kind, as named fields in a fixed order; bound to
/// the configured schema by the pipeline. Rows are made on demand, so a
/// hundred thousand records need not exist as values all at once.
public struct RecordSet {
    public let kind: OutputKind
    public let fieldNames: [String]
    public let count: Int
    public let row: (Int) -> [AvroValue]

    public init(kind: OutputKind, fieldNames: [String], count: Int, row: @escaping (Int) -> [AvroValue]) {
        self.kind = kind
        self.fieldNames = fieldNames
        self.count = count
        self.row = row
    }

    public init(kind: OutputKind, fieldNames: [String], rows: [[AvroValue]]) {
        self.init(kind: kind, fieldNames: fieldNames, count: rows.count) { rows[$0] }
    }

    public var rows: [[AvroValue]] { (0..<count).map(row) }
}

/// What a connector made for one job: its records and a summary line.
public struct JobProduct {
    public var recordSets: [RecordSet]
    public var summary: String
}

/// A feed-specific connector. It only knows its feed: what to fetch, how
/// to parse it and how to map it to records; configuration, HTTP, the job
/// loop and delivery are shared.
public protocol Connector: AnyObject {
    /// Identifies one fetch; jobs whose feeds are equal share it.
    associatedtype Feed: Hashable
    associatedtype FeedData

    /// `topology`, `downtimes`, ...: used in logs and state files.
    var name: String { get }
    /// The feed a job needs, or nil when the connector has nothing to do for it.
    func feed(for customer: CustomerConfig, job: JobConfig) -> Feed?
    /// Where the feed comes from, for messages (credentials removed).
    func describe(_ feed: Feed) -> String
    /// Called concurrently for distinct feeds: anything shared between
    /// fetches must be thread-safe (see `OnceCache`).
    func fetch(_ feed: Feed) throws -> FeedData
    /// The job's records; depends only on the data and the job's own configuration.
    func produce(_ data: FeedData, for target: JobTarget) throws -> JobProduct
}
