import ArgoModel
import ArgoSystem
import Glibc

/// `cat`: print Avro container files as JSON lines, like `avro cat`.
enum CatCommand {
    static let schema = Flag("schema", help: "print each file's writer schema instead of its records")
    static let count = Flag("count", help: "print each file's number of records instead of the records")

    static var spec: CommandSpec {
        CommandSpec(name: "cat", summary: "print the records of Avro (or WriteJson) files as JSON lines", options: [schema, count],
                    positionals: "FILE...", positionalRange: 1...Int.max, run: run)
    }

    private static func run(_ arguments: ParsedArguments, environment: RunEnvironment) throws -> ExitStatus {
        var status = ExitStatus.success
        let files = arguments.positionals
        for path in files {
            do {
                try show(path, arguments: arguments, label: files.count > 1, to: environment.output)
            } catch is OutputClosed {
                return status
            } catch {
                environment.output.flush()
                environment.errors.writeLine("argo-connectors: \(path): \(error)")
                status = .runtimeFailure
            }
        }
        return status
    }

    private static func show(_ path: String, arguments: ParsedArguments, label: Bool, to output: any TextOutput) throws {
        let bytes = try LocalFiles.read(path, limit: LocalFiles.SizeLimit.data)
        if bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "[") {
            return try showJSON(bytes, path: path, arguments: arguments, label: label, to: output)
        }
        let reader = try AvroContainerReader(bytes: bytes)
        if arguments[schema] {
            output.writeLine(reader.schema.json)
            return
        }
        if arguments[count] {
            var total = 0
            try reader.forEachBlock { _, blockCount in total += blockCount }
            // Decode too, so a corrupt file is reported rather than counted.
            try reader.forEachRecord { _ in }
            output.writeLine(label ? "\(total)\t\(path)" : "\(total)")
            return
        }
        var buffer = ""
        try reader.forEachRecord { record in
            if !buffer.isEmpty { buffer += "\n" }
            JSONWriter.write(AvroJSONRenderer.json(record, schema: reader.schema.schema), into: &buffer)
            if buffer.utf8.count > 1 << 16 {
                try write(buffer, to: output)
                buffer = ""
            }
        }
        if !buffer.isEmpty { try write(buffer, to: output) }
    }

    /// A JSON file written with WriteJson: an array of records, printed one a line.
    private static func showJSON(_ bytes: [UInt8], path: String, arguments: ParsedArguments, label: Bool, to output: any TextOutput) throws {
        let records = try JSONParser.parse(bytes).array(at: "")
        if arguments[schema] { throw FormatError(.json, "a JSON output file carries no schema (its Avro twin does)") }
        if arguments[count] {
            output.writeLine(label ? "\(records.count)\t\(path)" : "\(records.count)")
            return
        }
        for record in records { try write(JSONWriter.serialize(record), to: output) }
    }

    /// Writes `text` as a line; throws `OutputClosed` when the reader went away.
    private static func write(_ text: String, to output: any TextOutput) throws {
        output.writeLine(text)
        if output.flush() == EPIPE { throw OutputClosed() }
    }

    /// Standard output went away (`cat … | head`): stop quietly, status 0.
    private struct OutputClosed: Error {}
}
