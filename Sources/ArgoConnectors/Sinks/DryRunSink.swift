import ArgoModel

/// `--dry-run`: describes what each real sink would write or publish, after
/// checking that every record encodes; writes and publishes nothing.
package struct DryRunSink: Sink {
    let writesAvro: Bool
    let publishesToAms: Bool
    let writesJSON: Bool
    let publishesToWebAPI: Bool
    package var name: String { "dry-run" }

    package init(writesAvro: Bool, publishesToAms: Bool, writesJSON: Bool = false, publishesToWebAPI: Bool = false) {
        self.writesAvro = writesAvro
        self.publishesToAms = publishesToAms
        self.writesJSON = writesJSON
        self.publishesToWebAPI = publishesToWebAPI
    }

    package func deliver(_ batches: [OutputBatch], to destination: JobDestination) throws -> [OutputKind: String] {
        try batches.delivered { try plan($0, destination) }
    }

    private func plan(_ batch: OutputBatch, _ destination: JobDestination) throws -> String {
        var encoder = AvroBinaryEncoder()
        for index in 0..<batch.count {
            try encoder.encode(batch.record(index), as: batch.schema.schema)
            encoder.removeAll()
        }
        var plans: [String] = []
        if writesAvro, batch.kind.isFileOutput {
            plans.append("would write \(destination.filePath(batch.kind)) (\(batch.count) records)")
        }
        if writesJSON, batch.kind.isFileOutput {
            plans.append("would write \(destination.jsonFilePath(batch.kind)) (\(batch.count) records)")
        }
        if publishesToAms {
            plans.append(amsPlan(batch, destination.ams))
        }
        if publishesToWebAPI, WebAPIResource(batch.kind) != nil {
            plans.append("would post \(batch.count) records to the WEB-API \(destination.webAPI?.base ?? "(settings incomplete)")")
        }
        // The job runner logs this description, like a real delivery's.
        return plans.joined(separator: "; ")
    }

    private func amsPlan(_ batch: OutputBatch, _ ams: AmsDestination?) -> String {
        let pack = ams?.packSingleMessage ?? true
        let bulk = ams?.bulk ?? 100
        let messages = pack ? 1 : batch.count
        let requests = pack ? 1 : (batch.count + bulk - 1) / bulk
        return "would publish \(batch.count) records of type \(batch.kind.amsType) in \(messages) message\(messages == 1 ? "" : "s") (\(requests) request\(requests == 1 ? "" : "s")) to AMS \(ams?.project ?? "?")/\(ams?.topic ?? "?")"
    }
}
