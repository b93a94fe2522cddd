import XCTest
@testable import ArgoConnectors
@testable import ArgoModel
@testable import ArgoSystem
import ArgoTestSupport

/// Writes container files of every Avro type with both codecs, plus the
/// expected records as JSON, for `make interop` to read with Apache Avro
/// and fastavro. Without ARGO_INTEROP_DIR it checks the same files itself.
final class InteropFixtureTests: XCTestCase {
    /// JSON for the expected values, in the form Tests/interop/interop.py normalises to.
    static func expectedJSON(_ value: AvroValue, _ schema: AvroSchema) -> JSONValue {
        switch (schema, value) {
        case let (.record(record), .record(fields)):
            return .object(zip(record.fields, fields).map { ($0.name, expectedJSON($1, $0.schema)) })
        case let (.union(branches), _):
            return expectedJSON(value, branches[AvroBinaryEncoder.branchIndex(for: value, in: branches)!])
        case let (.array(items), .array(values)): return .array(values.map { expectedJSON($0, items) })
        case let (.map(valueSchema), .map(entries)): return .object(entries.map { ($0.0, expectedJSON($0.1, valueSchema)) })
        case let (_, .bytes(b)), let (_, .fixed(b)):
            return .object([("$bytes", .string(b.map { String(format: "%02x", $0) }.joined()))])
        default: return AvroJSONRenderer.json(value, schema: schema)
        }
    }

    func testWriteEveryTypeFilesForInterop() throws {
        let temp = TempDirectory()
        let directory = ProcessInfo.processInfo.environment["ARGO_INTEROP_DIR"] ?? temp.path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let schema = try AvroSchemaDocument(parsing: EveryType.schema)
        let records = (0..<500).map { EveryType.record($0, child: $0 % 9 == 0 ? EveryType.record($0 + 1) : .null) }
        let expected = records.map { JSONWriter.serialize(Self.expectedJSON($0, schema.schema)) }.joined(separator: "\n") + "\n"
        try Data(expected.utf8).write(to: URL(fileURLWithPath: directory + "/every_type.expected.jsonl"))
        for codec in [AvroCodec.null, .deflate] {
            let file = try AtomicFileWriter(path: directory + "/every_type.\(codec.name).avro")
            let writer = try AvroContainerWriter(schema: schema, codec: codec, blockByteTarget: 8192, output: file.write)
            for record in records { try writer.append(record) }
            try writer.finish()
            try file.commit()
            let reader = try AvroContainerReader(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: file.finalPath))))
            var read: [AvroValue] = []
            try reader.forEachRecord { read.append($0) }
            XCTAssertEqual(read, records)
        }
    }
}
