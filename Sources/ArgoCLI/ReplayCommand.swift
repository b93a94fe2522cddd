import ArgoConnectors
import ArgoModel
import ArgoSystem
import FoundationEssentials
import Logging

/// `replay`: send an existing Avro file to AMS with a date of choice (the
/// original `replay-avro-data.py`), through the same publisher as AmsSink.
enum ReplayCommand {
    static let name = "replay"
    static let messageTypes = OutputKind.fileOutputs.map(\.amsType)

    static let file = Option<String>("file", value: "PATH", help: "Avro file to send (required)")
    static let host = Option<String>("host", value: "HOST", help: "AMS host, optionally with scheme and port (required)")
    static let project = Option<String>("project", value: "NAME", help: "AMS project (required)")
    static let topic = Option<String>("topic", value: "NAME", help: "AMS topic (required)")
    static let report = Option<String>("report", value: "NAME", help: "report attribute: the job's Dirname (required)")
    static let type = Option<String>("type", value: "TYPE", help: "message type: \(messageTypes.joined(separator: ", ")) (required)",
                                     expectation: "is not one of \(messageTypes.joined(separator: ", "))") { messageTypes.contains($0) ? $0 : nil }
    static let date = Option<RunDate>(date: "date", help: "partition_date attribute (required)")
    static let schema = Option<String>("schema", value: "PATH", help: "re-encode records with this schema (default: the file's own)")
    static let bulk = Option<Int>("bulk", minimum: 1, help: "messages per request with --no-pack (default 100)")
    static let noPack = Flag("no-pack", help: "one message per record instead of one message holding all")
    static let tokenFile = Option<String>("token-file", value: "PATH", help: "file holding the AMS token (or set AMS_TOKEN)")
    static let token = Option<String>("token", value: "TOKEN", help: "the AMS token itself (shows in process lists; prefer --token-file)")
    static let timeout = Option<Int>("timeout", value: "SECONDS", minimum: 1, help: "per request (default 180)")
    static let retry = Option<Int>("retry", minimum: 0, help: "extra attempts after a failed request (default 3)")
    static let sleepRetry = Option<Int>("sleep-retry", value: "SECONDS", minimum: 0, help: "between attempts (default 60)")

    static var spec: CommandSpec {
        CommandSpec(name: name, summary: "send an existing Avro file to AMS with a date of choice", options: [
            file, host, project, topic, report, type, date, schema, bulk, noPack, tokenFile, token, timeout, retry, sleepRetry,
        ], details: "Prints how many records and messages were delivered.", run: run)
    }

    private static func readToken(_ arguments: ParsedArguments, environment: RunEnvironment) throws -> String {
        if let path = try arguments.value(tokenFile) {
            guard let data = try? LocalFiles.read(path, limit: LocalFiles.SizeLimit.state) else {
                throw UsageError(message: "--token-file \(path) cannot be read", command: arguments.command)
            }
            let token = String(decoding: data, as: UTF8.self).trimmingWhitespace()
            if token.isEmpty { throw UsageError(message: "--token-file \(path) is empty", command: arguments.command) }
            return token
        }
        if let token = try arguments.value(token) {
            environment.errors.writeLine("WARNING replay --token shows the token in process lists; use --token-file or AMS_TOKEN")
            return token
        }
        if let token = environment.variables["AMS_TOKEN"], !token.isEmpty { return token }
        throw UsageError(message: "'replay' needs the AMS token: --token-file PATH or the AMS_TOKEN environment variable", command: arguments.command)
    }

    private static func run(_ arguments: ParsedArguments, environment: RunEnvironment) throws -> ExitStatus {
        let path = try arguments.required(file)
        let messageType = try arguments.required(type)
        let partitionDate = try arguments.required(date)
        let destination = AmsDestination(host: try arguments.required(host), project: try arguments.required(project),
                                         topic: try arguments.required(topic), token: try readToken(arguments, environment: environment),
                                         bulk: try arguments.value(bulk) ?? 100, packSingleMessage: !arguments[noPack])
        let reportName = try arguments.required(report)
        var settings = HTTPSettings()
        settings.userAgent = Application.userAgent
        settings.verifyServerCert = true  // a token goes only to a verified AMS
        settings.connection.timeoutSeconds = try arguments.value(timeout) ?? 180
        settings.connection.retries = try arguments.value(retry) ?? 3
        settings.connection.sleepRetrySeconds = Double(try arguments.value(sleepRetry) ?? 60)
        let records: EncodedRecords
        do {
            records = try encodedRecords(path: path, schemaPath: try arguments.value(schema))
        } catch let error as UsageError {
            throw error
        } catch {
            environment.errors.writeLine("argo-connectors: \(path): \(error)")
            return .runtimeFailure
        }
        let logger = LogDestinations(errors: environment.errors).logger(name)
        let http = HTTPClient(settings: settings, logger: logger, cancellation: environment.cancellation, clock: environment.clock)
        let publisher = AmsPublisher(http: http, destination: destination)
        do {
            let attributes = [("type", messageType), ("report", reportName), ("partition_date", partitionDate.description)]
            let delivery = try publisher.publish(records, attributes: attributes)
            environment.output.writeLine("delivered \(delivery.records) records in \(delivery.messages) message\(delivery.messages == 1 ? "" : "s") (\(delivery.requests) request\(delivery.requests == 1 ? "" : "s")) to \(destination.project)/\(destination.topic)")
            return .success
        } catch {
            environment.errors.writeLine("argo-connectors: replay: \(error)")
            return .runtimeFailure
        }
    }

    /// The file's records in Avro binary encoding, re-encoded with `schemaPath` when given.
    static func encodedRecords(path: String, schemaPath: String?) throws -> EncodedRecords {
        let reader = try AvroContainerReader(bytes: try LocalFiles.read(path, limit: LocalFiles.SizeLimit.data))
        var target = reader.schema
        var binding: AvroRecordBinding?
        if let schemaPath {
            let text: [UInt8]
            do {
                text = try LocalFiles.read(schemaPath)
            } catch {
                throw FormatError(.avroSchema, "\(schemaPath) cannot be read")
            }
            target = try AvroSchemaDocument(parsing: String(decoding: text, as: UTF8.self))
            guard case .record(let writer) = reader.schema.schema else { throw FormatError(.avroSchema, "--schema needs a file of records") }
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
