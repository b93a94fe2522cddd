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
        var delivered: [String] = []
        return try batches.delivered { batch in
            let delivery: AmsDelivery
            do {
                delivery = try publisher.publish(try batch.encoded(), attributes: destination.amsAttributes(batch.kind))
            } catch {
                // What of the job did arrive, output by output, and what did not.
                let before = delivered.isEmpty ? "" : "; delivered before it: \(delivered.joined(separator: ", "))"
                let after = batches.drop { $0.kind != batch.kind }.dropFirst().map { "\($0.kind.rawValue) (\($0.count) records)" }
                let notTried = after.isEmpty ? "" : "; not sent: \(after.joined(separator: ", "))"
                throw OutputError(batch.kind.rawValue, "\(error)\(before)\(notTried)")
            }
            delivered.append("\(batch.kind.rawValue) (all \(delivery.records) records)")
            return "\(delivery.records) records in \(delivery.messages) AMS message\(delivery.messages == 1 ? "" : "s") to \(ams.project)/\(ams.topic)"
        }
    }
}
