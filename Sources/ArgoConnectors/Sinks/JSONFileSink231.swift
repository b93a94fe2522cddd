import ArgoModel
import ArgoSystem

/// Writes each output as argo-connectors 2.3.1 does: a JSON file named by
/// `[Output]` itself (no Avro twin), the records as `json.dumps(indent=4)`
/// writes them, gzipped to `<name>.gz` with `CompressJson` (the
/// destination's `jsonFileNaming`). Unlike 2.3.1, written atomically, all
/// of a job's files together.
package struct JSONFileSink231: Sink {
    private let cancellation: Cancellation
    package var name: String { "json" }

    package init(cancellation: Cancellation = Cancellation()) {
        self.cancellation = cancellation
    }

    package func deliver(_ batches: [OutputBatch], to destination: JobDestination) throws -> [OutputKind: String] {
        let compress = destination.jsonFileNaming == .gzippedOutput
        var finished: [AtomicFileWriter] = []
        var delivered: [OutputKind: String] = [:]
        do {
            // Service types go to the WEB-API only, as in 2.3.1.
            for batch in batches where batch.kind.isFileOutput {
                try cancellation.check(destination.jsonFilePath(batch.kind))
                let records = (0..<batch.count).map(batch.json)
                let text = Array(JSONWriter.indented(.array(records)).utf8)
                let file = try AtomicFileWriter(path: destination.jsonFilePath(batch.kind))
                finished.append(file)
                try file.write(compress ? try Deflate.gzip(text) : text)
                try file.finishWriting()
                delivered[batch.kind] = file.finalPath
            }
        } catch {
            finished.forEach { $0.abandon() }
            throw error
        }
        try AtomicFileWriter.publishTogether(finished, in: destination.directory)
        return delivered
    }
}
