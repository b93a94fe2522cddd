import ArgoModel
import ArgoSystem

/// Publishes each job's outputs to its AMS destination with attributes
/// `type`, `report` (the job's Dirname) and `partition_date`.
public struct AmsSink: Sink {
    let http: HTTPClient
    public var name: String { "ams" }

    public init(http: HTTPClient) {
        self.http = http
    }

    public func deliver(_ batch: OutputBatch, to destination: JobDestination) throws -> String {
        guard let ams = destination.ams else {
            throw OutputError(publishTo: "", "AMS settings incomplete (\(destination.amsMissingOptions.joined(separator: ", ")) missing)",
                              delivered: 0, undelivered: batch.count)
        }
        let delivery = try AmsPublisher(http: http, destination: ams).publish(try batch.encoded(), attributes: destination.amsAttributes(batch.kind))
        return "\(delivery.records) records in \(delivery.messages) AMS message\(delivery.messages == 1 ? "" : "s") to \(ams.project)/\(ams.topic)"
    }
}
