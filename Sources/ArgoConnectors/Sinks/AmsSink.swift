/// Publishes each job's outputs to AMS with attributes `type`, `report`
/// (the job's Dirname) and `partition_date`.
public struct AmsSink: Sink {
    let http: HttpClient
    public var name: String { "ams" }

    public init(http: HttpClient) {
        self.http = http
    }

    public func deliver(_ batch: OutputBatch, for target: JobTarget) throws -> String {
        guard let destination = AmsDestination(target.customer.ams) else {
            throw AmsPublishError(reason: "AMS settings incomplete (\(target.customer.ams.missingOptions.joined(separator: ", ")) missing)",
                                  delivered: 0, undelivered: batch.count)
        }
        let delivery = try AmsPublisher(http: http, destination: destination).publish(try batch.encoded(), attributes: [
            ("type", batch.kind.amsType), ("report", target.job.dirname), ("partition_date", target.date.description),
        ])
        return "\(delivery.records) records in \(delivery.messages) AMS message\(delivery.messages == 1 ? "" : "s") to \(destination.project)/\(destination.topic)"
    }
}
