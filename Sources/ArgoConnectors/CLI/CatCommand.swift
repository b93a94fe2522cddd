import Foundation

/// `cat`: print Avro container files as JSON lines, like `avro cat`.
enum CatCommand {
    static var spec: CommandSpec {
        CommandSpec(name: "cat", summary: "print the records of Avro files as JSON lines",
                    options: [OptionSpec("schema", help: "print each file's writer schema instead of its records"),
                              OptionSpec("count", help: "print each file's number of records instead of the records")],
                    positionals: "FILE...", positionalRange: 1...Int.max) { arguments in
            var status = ExitStatus.success
            let files = arguments.positionals
            for path in files {
                do {
                    try show(path, arguments: arguments, label: files.count > 1)
                } catch {
                    Console.flush()
                    Console.err("argo-connectors: \(path): \(error)")
                    status = .runtimeFailure
                }
            }
            return status
        }
    }

    private static func show(_ path: String, arguments: ParsedArguments, label: Bool) throws {
        let reader = try AvroContainerReader(bytes: try readFile(path))
        if arguments.flag("schema") {
            Console.out(reader.schema.json)
            return
        }
        if arguments.flag("count") {
            var count = 0
            try reader.forEachBlock { _, blockCount in count += blockCount }
            // Decode too, so a corrupt file is reported rather than counted.
            try reader.forEachRecord { _ in }
            Console.out(label ? "\(count)\t\(path)" : "\(count)")
            return
        }
        var buffer = ""
        try reader.forEachRecord { record in
            JSONWriter.write(AvroJSONRenderer.json(record, schema: reader.schema.schema), into: &buffer)
            buffer += "\n"
            if buffer.utf8.count > 1 << 16 {
                print(buffer, terminator: "")
                buffer = ""
            }
        }
        print(buffer, terminator: "")
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AvroDecodingError(message: "no such file")
        }
        if isDirectory.boolValue { throw AvroDecodingError(message: "is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AvroDecodingError(message: "cannot be read")
        }
        return [UInt8](data)
    }
}
