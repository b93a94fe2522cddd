import Foundation
import Logging

/// `replay`: send an existing Avro file to AMS with a date of choice (the
/// original `replay-avro-data.py`), through the same publisher as AmsSink.
enum ReplayCommand {
    static let messageTypes = OutputKind.allCases.map(\.amsType)

    static var spec: CommandSpec {
        CommandSpec(name: "replay", summary: "send an existing Avro file to AMS with a date of choice", options: [
            OptionSpec("file", value: "PATH", help: "Avro file to send (required)"),
            OptionSpec("host", value: "HOST", help: "AMS host, optionally with scheme and port (required)"),
            OptionSpec("project", value: "NAME", help: "AMS project (required)"),
            OptionSpec("topic", value: "NAME", help: "AMS topic (required)"),
            OptionSpec("report", value: "NAME", help: "report attribute: the job's Dirname (required)"),
            OptionSpec("type", value: "TYPE", help: "message type: \(messageTypes.joined(separator: ", ")) (required)"),
            OptionSpec("date", value: "YYYY-MM-DD", help: "partition_date attribute (required)"),
            OptionSpec("schema", value: "PATH", help: "re-encode records with this schema (default: the file's own)"),
            OptionSpec("bulk", value: "N", help: "messages per request with --no-pack (default 100)"),
            OptionSpec("no-pack", help: "one message per record instead of one message holding all"),
            OptionSpec("token-file", value: "PATH", help: "file holding the AMS token (or set AMS_TOKEN)"),
            OptionSpec("token", value: "TOKEN", help: "the AMS token itself (shows in process lists; prefer --token-file)"),
            OptionSpec("timeout", value: "SECONDS", help: "per request (default 180)"),
            OptionSpec("retry", value: "N", help: "extra attempts after a failed request (default 3)"),
            OptionSpec("sleep-retry", value: "SECONDS", help: "between attempts (default 60)"),
        ], details: "Prints how many records and messages were delivered.", run: run)
    }

    private static func required(_ arguments: ParsedArguments, _ name: String) throws -> String {
        guard let value = arguments.value(name), !value.isEmpty else {
            throw UsageError(message: "'replay' needs --\(name)", command: arguments.command)
        }
        return value
    }

    private static func number(_ arguments: ParsedArguments, _ name: String, default fallback: Int, minimum: Int) throws -> Int {
        guard let text = arguments.value(name) else { return fallback }
        guard let value = Int(text), value >= minimum else {
            throw UsageError(message: "--\(name) \(text) is not a whole number ≥ \(minimum)", command: arguments.command)
        }
        return value
    }

    private static func token(_ arguments: ParsedArguments) throws -> String {
        if let path = arguments.value("token-file") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw UsageError(message: "--token-file \(path) cannot be read", command: arguments.command)
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if token.isEmpty { throw UsageError(message: "--token-file \(path) is empty", command: arguments.command) }
            return token
        }
        if let token = arguments.value("token") {
            Console.err("WARNING replay --token shows the token in process lists; use --token-file or AMS_TOKEN")
            return token
        }
        if let token = ProcessInfo.processInfo.environment["AMS_TOKEN"], !token.isEmpty { return token }
        throw UsageError(message: "'replay' needs the AMS token: --token-file PATH or the AMS_TOKEN environment variable", command: arguments.command)
    }

    private static func run(_ arguments: ParsedArguments) throws -> ExitStatus {
        let path = try required(arguments, "file")
        let type = try required(arguments, "type")
        guard messageTypes.contains(type) else {
            throw UsageError(message: "--type \(type) is not one of \(messageTypes.joined(separator: ", "))", command: arguments.command)
        }
        let dateText = try required(arguments, "date")
        guard let date = RunDate(parsing: dateText) else {
            throw UsageError(message: "--date \(dateText) is not a calendar date of the form YYYY-MM-DD", command: arguments.command)
        }
        let destination = AmsDestination(host: try required(arguments, "host"), project: try required(arguments, "project"),
                                         topic: try required(arguments, "topic"), token: try token(arguments),
                                         bulk: try number(arguments, "bulk", default: 100, minimum: 1),
                                         packSingleMessage: !arguments.flag("no-pack"))
        let report = try required(arguments, "report")
        var settings = HttpSettings()
        settings.timeoutSeconds = try number(arguments, "timeout", default: 180, minimum: 1)
        settings.retries = try number(arguments, "retry", default: 3, minimum: 0)
        settings.sleepRetrySeconds = Double(try number(arguments, "sleep-retry", default: 60, minimum: 0))
        let records: EncodedRecords
        do {
            records = try encodedRecords(path: path, schemaPath: arguments.value("schema"))
        } catch {
            Console.err("argo-connectors: \(path): \(error)")
            return .runtimeFailure
        }
        let publisher = AmsPublisher(http: HttpClient(settings: settings, logger: Logger(label: "replay")), destination: destination)
        do {
            let delivery = try publisher.publish(records, attributes: [("type", type), ("report", report), ("partition_date", date.description)])
            Console.out("delivered \(delivery.records) records in \(delivery.messages) message\(delivery.messages == 1 ? "" : "s") (\(delivery.requests) request\(delivery.requests == 1 ? "" : "s")) to \(destination.project)/\(destination.topic)")
            return .success
        } catch {
            Console.err("argo-connectors: replay: \(error)")
            return .runtimeFailure
        }
    }

    /// The file's records in Avro binary encoding, re-encoded with `schemaPath` when given.
    static func encodedRecords(path: String, schemaPath: String?) throws -> EncodedRecords {
        let reader = try AvroContainerReader(bytes: try CatCommand.readFile(path))
        var target = reader.schema
        var binding: AvroRecordBinding?
        if let schemaPath {
            guard let data = FileManager.default.contents(atPath: schemaPath) else { throw AvroSchemaError(message: "\(schemaPath) cannot be read") }
            target = try AvroSchemaDocument(parsing: String(decoding: data, as: UTF8.self))
            guard case .record(let writer) = reader.schema.schema else { throw AvroSchemaError(message: "--schema needs a file of records") }
            binding = try AvroRecordBinding(schema: target.schema, fieldNames: writer.fields.map(\.name))
        }
        var encoder = AvroBinaryEncoder()
        var ends: [Int] = []
        try reader.forEachRecord { value in
            if let binding, case .record(let fields) = value {
                try encoder.encode(binding.bind(fields), as: target.schema)
            } else {
                try encoder.encode(value, as: target.schema)
            }
            ends.append(encoder.bytes.count)
        }
        return EncodedRecords(bytes: encoder.bytes, ends: ends)
    }
}
