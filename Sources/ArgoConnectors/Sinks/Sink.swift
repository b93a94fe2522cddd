/// Everything one job produced of one kind, ready to deliver.
public struct OutputBatch {
    public let kind: OutputKind
    public let schema: AvroSchemaDocument
    /// Records already bound to `schema` (see `AvroRecordBinding`).
    public let records: [AvroValue]

    public init(kind: OutputKind, schema: AvroSchemaDocument, records: [AvroValue]) {
        self.kind = kind
        self.schema = schema
        self.records = records
    }
}

/// Which customer, job and day a batch belongs to.
public struct JobTarget {
    public let customer: CustomerConfig
    public let job: JobConfig
    public let date: RunDate

    public init(customer: CustomerConfig, job: JobConfig, date: RunDate) {
        self.customer = customer
        self.job = job
        self.date = date
    }

    /// `Customer:X Job:Y`, the prefix of every log line about a job.
    public var label: String { "Customer:\(customer.name) Job:\(job.section)" }
}

/// A destination for job outputs (Avro files, AMS). One small protocol with
/// interchangeable implementations, as swift-log does for handlers.
public protocol Sink {
    /// Short name for messages ("avro", "ams").
    var name: String { get }
    /// Delivers a batch; a failure leaves earlier deliveries as they were.
    /// Returns a short description of what was delivered (path or message count).
    func deliver(_ batch: OutputBatch, for target: JobTarget) throws -> String
}

/// Writes `OutputDir/Dirname/<[Output] name with DATE>` atomically.
public struct AvroFileSink: Sink {
    public let global: GlobalConfig
    public let codec: AvroCodec
    public var name: String { "avro" }

    public init(global: GlobalConfig, codec: AvroCodec = .null) {
        self.global = global
        self.codec = codec
    }

    public func path(for kind: OutputKind, target: JobTarget) -> String {
        var directory = target.customer.outputDir
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        return "\(directory)/\(target.job.dirname)/\(global.outputFileName(kind, date: target.date))"
    }

    public func deliver(_ batch: OutputBatch, for target: JobTarget) throws -> String {
        let path = path(for: batch.kind, target: target)
        let file = try AtomicFileWriter(path: path)
        do {
            let writer = try AvroContainerWriter(schema: batch.schema, codec: codec, output: file.write)
            for record in batch.records { try writer.append(record) }
            try writer.finish()
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
        return path
    }
}
