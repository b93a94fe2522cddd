import ArgoModel
import ArgoSystem

/// Publishes each job's outputs to its AMS destination with attributes
/// `type`, `report` (the job's Dirname) and `partition_date`.
package struct AmsSink: Sink {
    let http: HTTPClient
    package var name: String { "ams" }

    package init(http: HTTPClient) {
        self.http = http
    }

    /// Publishes the outputs one after the other (AMS has no transactions).
    package func deliver(_ batches: [OutputBatch], to destination: JobDestination) throws -> [OutputKind: String] {
        guard let ams = destination.ams else {
            throw OutputError(publishTo: "AMS", "settings incomplete (\(destination.amsMissingOptions.joined(separator: ", ")) missing)",
                              delivered: 0, undelivered: batches.reduce(0) { $0 + $1.count })
        }
        let publisher = AmsPublisher(http: http, destination: ams)
        return try batches.delivered { batch in
            let delivery: AmsDelivery
            do {
                delivery = try publisher.publish(try batch.encoded(), attributes: destination.amsAttributes(batch.kind))
            } catch {
                throw OutputError(batch.kind.rawValue, "\(error)")
            }
            return "\(delivery.records) records in \(delivery.messages) AMS message\(delivery.messages == 1 ? "" : "s") to \(ams.project)/\(ams.topic)"
        }
    }
}
