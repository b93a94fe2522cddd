import ArgoModel
import ArgoSystem

/// Writes each output to its files: the Avro file named by `[Output]`
/// (`OutputDir/Dirname/<name with DATE>`) and, with `WriteJson`, its JSON
/// twin (extension `.json`). A job's files are all written before any is
/// renamed into place (see `deliver`).
struct AvroFileSink: ConfiguredSink {
    let files: OutputFiles
    let codec: AvroCodec
    let writesAvro: Bool
    let writesJSON: Bool
    /// Abandons a file being written when the run is asked to stop.
    private let cancellation: Cancellation
    package var name: String { writesAvro ? "avro" : "json" }
    package var sendsAvroEncoding: Bool { writesAvro }

    /// 1.7 with `WriteAvro` or `WriteJson`.
    package static func make(_ context: SinkContext) -> AvroFileSink? {
        let global = context.global
        guard global.generation == .egi17, global.writeAvro || global.writeJSON else { return nil }
        return AvroFileSink(files: OutputFiles(global), writesAvro: global.writeAvro, writesJSON: global.writeJSON, cancellation: context.cancellation)
    }

    init(files: OutputFiles, codec: AvroCodec = .null, writesAvro: Bool = true, writesJSON: Bool = false,
                 cancellation: Cancellation) {
        self.files = files
        self.codec = codec
        self.writesAvro = writesAvro
        self.writesJSON = writesJSON
        self.cancellation = cancellation
    }

    package func plan(_ batch: OutputBatch, for target: JobTarget) -> String? {
        let paths = (writesAvro ? [files.path(batch.kind, for: target)] : []) + (writesJSON ? [files.jsonPath(batch.kind, for: target)] : [])
        return paths.map { "would write \($0) (\(batch.count) records)" }.joined(separator: "; ")
    }

    /// A sync marker derived from the file's path and schema, so the same
    /// data gives the same bytes (reproducible, diffable outputs) while
    /// markers still differ between files.
    static func syncMarker(path: String, schema: AvroSchemaDocument) -> [UInt8] {
        let identity = path + "\u{0}" + schema.json
        return [FNV1a.hash(identity), FNV1a.hash(identity, seed: 0x84222325_cbf29ce4)].flatMap { value in
            (0..<8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
        }
    }

    /// Every output goes to a temporary file first; only when all are
    /// complete and synced are they renamed into place, as one replacement
    /// (`AtomicFileWriter.publishTogether`). A failure (a full disk halfway)
    /// leaves every earlier file of the job as it was; a kill between two
    /// renames is completed by the next run.
    package func deliver(_ batches: [OutputBatch], for target: JobTarget) throws -> [OutputKind: String] {
        var finished: [AtomicFileWriter] = []
        var descriptions: [OutputKind: String] = [:]
        do {
            for batch in batches {
                var paths: [String] = []
                if writesAvro {
                    paths.append(files.path(batch.kind, for: target))
                    finished.append(try write(batch, to: paths[paths.count - 1]))
                }
                if writesJSON {
                    paths.append(files.jsonPath(batch.kind, for: target))
                    finished.append(try writeJSON(batch, to: paths[paths.count - 1]))
                }
                descriptions[batch.kind] = paths.joined(separator: ", ")
            }
        } catch {
            finished.forEach { $0.abandon() }
            throw error
        }
        try AtomicFileWriter.publishTogether(finished, in: target.outputDirectory)
        return descriptions
    }

    /// A JSON array of the records, in order, each as `cat` prints it.
    private func writeJSON(_ batch: OutputBatch, to path: String) throws -> AtomicFileWriter {
        let file = try AtomicFileWriter(path: path)
        do {
            var text = "["
            for index in 0..<batch.count {
                if index % 4096 == 0 { try cancellation.check(path) }
                text += index == 0 ? "\n" : ",\n"
                JSONWriter.write(AvroJSONRenderer.json(batch.record(index), schema: batch.schema.schema), into: &text)
                if text.utf8.count > 1 << 16 {
                    try file.write(Array(text.utf8))
                    text = ""
                }
            }
            try file.write(Array((text + "\n]\n").utf8))
            try file.finishWriting()
        } catch {
            file.abandon()
            throw error
        }
        return file
    }

    private func write(_ batch: OutputBatch, to path: String) throws -> AtomicFileWriter {
        let file = try AtomicFileWriter(path: path)
        do {
            let writer = try AvroContainerWriter(schema: batch.schema, codec: codec,
                                                 syncMarker: Self.syncMarker(path: path, schema: batch.schema), output: file.write)
            // Records another sink also sends are encoded once, for both.
            let encoded = batch.sharesEncoding ? try batch.encoded() : nil
            for index in 0..<batch.count {
                if index % 4096 == 0 { try cancellation.check(path) }
                if let encoded {
                    try writer.appendEncoded(encoded.slice(index..<index + 1))
                } else {
                    try writer.append(batch.record(index))
                }
            }
            try writer.finish()
            try file.finishWriting()
        } catch {
            file.abandon()
            throw error
        }
        return file
    }
}
