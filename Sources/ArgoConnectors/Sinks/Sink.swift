/// Everything one job produced of one kind, ready to deliver. Records are
/// made on demand (each sink walks them) rather than held.
public struct OutputBatch {
    public let kind: OutputKind
    public let schema: AvroSchemaDocument
    public let count: Int
    /// Record `i`, already bound to `schema` (see `AvroRecordBinding`).
    public let record: (Int) -> AvroValue

    public init(kind: OutputKind, schema: AvroSchemaDocument, count: Int, record: @escaping (Int) -> AvroValue) {
        self.kind = kind
        self.schema = schema
        self.count = count
        self.record = record
    }

    public init(kind: OutputKind, schema: AvroSchemaDocument, records: [AvroValue]) {
        self.init(kind: kind, schema: schema, count: records.count) { records[$0] }
    }

    /// Every record in Avro binary encoding, one buffer with end offsets.
    public func encoded() throws -> EncodedRecords {
        var encoder = AvroBinaryEncoder(reservingCapacity: count * 64)
        var ends: [Int] = []
        ends.reserveCapacity(count)
        for index in 0..<count {
            try encoder.encode(record(index), as: schema.schema)
            ends.append(encoder.bytes.count)
        }
        return EncodedRecords(bytes: encoder.bytes, ends: ends)
    }
}

/// Avro-encoded records back to back, with where each ends.
public struct EncodedRecords {
    public let bytes: [UInt8]
    public let ends: [Int]
    public var count: Int { ends.count }

    public init(bytes: [UInt8], ends: [Int]) {
        self.bytes = bytes
        self.ends = ends
    }

    /// Records `range` as one contiguous slice.
    public func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
        let start = range.lowerBound == 0 ? 0 : ends[range.lowerBound - 1]
        return bytes[start..<(range.isEmpty ? start : ends[range.upperBound - 1])]
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

    /// A sync marker derived from the file's path and schema, so the same
    /// data gives the same bytes (reproducible, diffable outputs) while
    /// markers still differ between files.
    static func syncMarker(path: String, schema: AvroSchemaDocument) -> [UInt8] {
        func fnv1a(_ seed: UInt64) -> UInt64 {
            var hash = seed
            for byte in (path + "\u{0}" + schema.json).utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            return hash
        }
        return [fnv1a(0xcbf2_9ce4_8422_2325), fnv1a(0x84222325_cbf29ce4)].flatMap { value in
            (0..<8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
        }
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
            let writer = try AvroContainerWriter(schema: batch.schema, codec: codec,
                                                 syncMarker: Self.syncMarker(path: path, schema: batch.schema), output: file.write)
            for index in 0..<batch.count { try writer.append(batch.record(index)) }
            try writer.finish()
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
        return path
    }
}
