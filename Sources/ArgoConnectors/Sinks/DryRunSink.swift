/// `--dry-run`: describes what each real sink would write or publish, after
/// checking that every record encodes; writes and publishes nothing.
public struct DryRunSink: Sink {
    let fileSink: AvroFileSink?
    let publishesToAms: Bool
    public var name: String { "dry-run" }

    public init(fileSink: AvroFileSink?, publishesToAms: Bool) {
        self.fileSink = fileSink
        self.publishesToAms = publishesToAms
    }

    public func deliver(_ batch: OutputBatch, for target: JobTarget) throws -> String {
        var encoder = AvroBinaryEncoder()
        for index in 0..<batch.count {
            try encoder.encode(batch.record(index), as: batch.schema.schema)
            encoder.removeAll()
        }
        var plans: [String] = []
        if let fileSink {
            plans.append("would write \(fileSink.path(for: batch.kind, target: target)) (\(batch.count) records)")
        }
        if publishesToAms {
            let ams = target.customer.ams
            let messages = ams.packSingleMessage ? 1 : batch.count
            let requests = ams.packSingleMessage ? 1 : (batch.count + ams.bulk - 1) / ams.bulk
            plans.append("would publish \(batch.count) records of type \(batch.kind.amsType) in \(messages) message\(messages == 1 ? "" : "s") (\(requests) request\(requests == 1 ? "" : "s")) to AMS \(ams.project ?? "?")/\(ams.topic ?? "?")")
        }
        // The job runner logs this description, like a real delivery's.
        return plans.joined(separator: "; ")
    }
}
