import ArgoModel
import ArgoSystem

/// Publishes each job's outputs to its AMS destination with attributes
/// `type`, `report` (the job's Dirname) and `partition_date`.
struct AmsSink: ConfiguredSink {
    let http: any FeedTransport
    package var name: String { "ams" }
    package var sendsAvroEncoding: Bool { true }

    /// 1.7 with `PublishAms`; its server verified as `[AMS] VerifyServerCert` says.
    package static func make(_ context: SinkContext) -> AmsSink? {
        guard context.global.publishAms else { return nil }
        return AmsSink(http: context.http.forTokenService(verify: context.global.ams.verifyServerCert))
    }

    init(http: any FeedTransport) {
        self.http = http
    }

    /// The attributes of every AMS message carrying `kind`: `report` is the job's Dirname.
    static func attributes(_ kind: OutputKind, for target: JobTarget) -> [(String, String)] {
        [("type", kind.amsType), ("report", target.job.dirname), ("partition_date", target.date.description)]
    }

    package func plan(_ batch: OutputBatch, for target: JobTarget) -> String? {
        let ams = AmsDestination(target.customer.ams)
        let pack = ams?.packSingleMessage ?? true
        let bulk = ams?.bulk ?? 100
        let messages = pack ? 1 : batch.count
        let requests = pack ? 1 : (batch.count + bulk - 1) / bulk
        return "would publish \(batch.count) records of type \(batch.kind.amsType) in \(messages) message\(messages == 1 ? "" : "s") (\(requests) request\(requests == 1 ? "" : "s")) to AMS \(ams?.project ?? "?")/\(ams?.topic ?? "?")"
    }

    /// Publishes the outputs one after the other (AMS has no transactions).
    package func deliver(_ batches: [OutputBatch], for target: JobTarget) throws -> [OutputKind: String] {
        guard let ams = AmsDestination(target.customer.ams) else {
            throw OutputError(publishTo: "AMS", "settings incomplete (\(target.customer.ams.missingOptions.joined(separator: ", ")) missing)",
                              delivered: 0, undelivered: batches.reduce(0) { $0 + $1.count })
        }
        let publisher = AmsPublisher(http: http, destination: ams)
        var delivered: [String] = []
        return try batches.delivered { batch in
            let delivery: AmsDelivery
            do {
                delivery = try publisher.publish(try batch.encoded(), attributes: Self.attributes(batch.kind, for: target))
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
