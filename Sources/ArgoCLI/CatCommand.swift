import ArgoModel
import ArgoSystem

/// `cat`: print Avro container files as JSON lines, like `avro cat`.
enum CatCommand {
    static let schema = Flag("schema", help: "print each file's writer schema instead of its records")
    static let count = Flag("count", help: "print each file's number of records instead of the records")

    static var spec: CommandSpec {
        CommandSpec(name: "cat", summary: "print the records of Avro (or WriteJson) files as JSON lines", options: [schema, count],
                    positionals: "FILE...", positionalRange: 1...Int.max, run: run)
    }

    private static func run(_ arguments: ParsedArguments) throws -> ExitStatus {
        var status = ExitStatus.success
        let files = arguments.positionals
        for path in files {
            do {
                try show(path, arguments: arguments, label: files.count > 1)
            } catch is OutputClosed {
                return status
            } catch {
                Console.flush()
                Console.err("argo-connectors: \(path): \(error)")
                status = .runtimeFailure
            }
        }
        return status
    }

    private static func show(_ path: String, arguments: ParsedArguments, label: Bool) throws {
        let bytes = try LocalFiles.read(path)
        if bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "[") {
            return try showJSON(bytes, path: path, arguments: arguments, label: label)
        }
        let reader = try AvroContainerReader(bytes: bytes)
        if arguments[schema] {
            Console.out(reader.schema.json)
            return
        }
        if arguments[count] {
            var total = 0
            try reader.forEachBlock { _, blockCount in total += blockCount }
            // Decode too, so a corrupt file is reported rather than counted.
            try reader.forEachRecord { _ in }
            Console.out(label ? "\(total)\t\(path)" : "\(total)")
            return
        }
        var buffer = ""
        try reader.forEachRecord { record in
            JSONWriter.write(AvroJSONRenderer.json(record, schema: reader.schema.schema), into: &buffer)
            buffer += "\n"
            if buffer.utf8.count > 1 << 16 {
                print(buffer, terminator: "")
                buffer = ""
                if Console.outputClosed { throw OutputClosed() }
            }
        }
        print(buffer, terminator: "")
        if Console.outputClosed { throw OutputClosed() }
    }

    /// A JSON file written with WriteJson: an array of records, printed one a line.
    private static func showJSON(_ bytes: [UInt8], path: String, arguments: ParsedArguments, label: Bool) throws {
        let records = try JSONParser.parse(bytes).array(at: "")
        if arguments[schema] { throw FormatError(.json, "a JSON output file carries no schema (its Avro twin does)") }
        if arguments[count] {
            Console.out(label ? "\(records.count)\t\(path)" : "\(records.count)")
            return
        }
        for record in records {
            print(JSONWriter.serialize(record))
            if Console.outputClosed { throw OutputClosed() }
        }
    }

    /// Standard output went away (`cat … | head`): stop quietly, status 0.
    private struct OutputClosed: Error {}
}
