import ArgoModel
import ArgoSystem

/// Writes each output as argo-connectors 2.3.1 does: a JSON file named by
/// `[Output]` itself (no Avro twin), the records as `json.dumps(indent=4)`
/// writes them, gzipped to `<name>.gz` with `CompressJson` (`OutputFiles`). Unlike 2.3.1, written atomically, all
/// of a job's files together. Plain files are written as the records are
/// made, by a thread of their own; a gzipped one is compressed whole (its
/// text is held once).
struct JSONFileSink231: ConfiguredSink {
    let files: OutputFiles
    private let compress: Bool
    private let cancellation: Cancellation
    package var name: String { "json" }

    /// 2.3.1 with `WriteJson`.
    package static func make(_ context: SinkContext) -> JSONFileSink231? {
        guard context.global.generation == .argo231, context.global.writeJSON else { return nil }
        return JSONFileSink231(files: OutputFiles(context.global), cancellation: context.cancellation)
    }

    init(files: OutputFiles, cancellation: Cancellation) {
        self.files = files
        self.compress = files.global.jsonFileNaming == .gzippedOutput
        self.cancellation = cancellation
    }

    package func plan(_ batch: OutputBatch, for target: JobTarget) -> String? {
        batch.kind.isFileOutput ? "would write \(files.jsonPath(batch.kind, for: target)) (\(batch.count) records)" : nil
    }

    package func deliver(_ batches: [OutputBatch], for target: JobTarget) throws -> [OutputKind: String] {
        var finished: [AtomicFileWriter] = []
        var delivered: [OutputKind: String] = [:]
        do {
            // Service types go to the WEB-API only, as in 2.3.1.
            for batch in batches where batch.kind.isFileOutput {
                let path = files.jsonPath(batch.kind, for: target)
                try cancellation.check(path)
                let file = try AtomicFileWriter(path: path)
                finished.append(file)
                if compress {
                    var text: [UInt8] = []
                    try Self.writeArray(batch) { text += $0 }
                    try file.write(try Deflate.gzip(text))
                } else {
                    // The file is this writer's alone until `finish` returns.
                    let target = UncheckedSendable(file)
                    let writer = BackgroundWriter { try target.value.write($0) }
                    do {
                        try Self.writeArray(batch) { try writer.put($0) }
                    } catch {
                        try? writer.finish()
                        throw error
                    }
                    try writer.finish()
                }
                try file.finishWriting()
                delivered[batch.kind] = file.finalPath
            }
        } catch {
            finished.forEach { $0.abandon() }
            throw error
        }
        try AtomicFileWriter.publishTogether(finished, in: target.outputDirectory)
        return delivered
    }

    /// The batch as `json.dumps(records, indent=4)` writes it, handed to
    /// `write` in pieces of about a megabyte: a hundred thousand records
    /// never sit in memory as one text.
    static func writeArray(_ batch: OutputBatch, to write: ([UInt8]) throws -> Void) throws {
        guard batch.count > 0 else { return try write(Array("[]".utf8)) }
        var text: [UInt8] = Array("[\n".utf8)
        text.reserveCapacity(1 << 21)
        for index in 0..<batch.count {
            text += "    ".utf8
            batch.appendIndentedJSON(index, level: 1, into: &text)
            text += (index + 1 < batch.count ? ",\n" : "\n]").utf8
            if text.count >= 1 << 20 {
                try write(text)
                text.removeAll(keepingCapacity: true)
            }
        }
        try write(text)
    }
}

/// A value handed to another thread that only one thread uses at a time.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
