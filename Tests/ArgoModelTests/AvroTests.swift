import XCTest
@testable import ArgoModel
import ArgoTestSupport

final class AvroTests: XCTestCase {

    func testBinaryRoundTripOfEveryType() throws {
        let schema = try AvroSchemaDocument(parsing: EveryType.schema)
        for seed in 0..<50 {
            let value = EveryType.record(seed, child: seed % 7 == 0 ? EveryType.record(seed + 1) : .null)
            var encoder = AvroBinaryEncoder()
            try encoder.encode(value, as: schema.schema)
            var decoder = AvroBinaryDecoder(encoder.bytes)
            XCTAssertEqual(try decoder.decode(schema.schema), value)
            XCTAssertTrue(decoder.isAtEnd)
        }
    }

    func testZigZagVarintsMatchTheSpecification() {
        let expected: [(Int64, [UInt8])] = [(0, [0x00]), (-1, [0x01]), (1, [0x02]), (-2, [0x03]), (2, [0x04]),
                                             (-64, [0x7F]), (64, [0x80, 0x01]), (Int64.max, [0xFE] + Array(repeating: 0xFF, count: 8) + [0x01])]
        for (value, bytes) in expected {
            var encoder = AvroBinaryEncoder()
            encoder.writeLong(value)
            XCTAssertEqual(encoder.bytes, bytes, "\(value)")
            var decoder = AvroBinaryDecoder(bytes)
            XCTAssertEqual(try decoder.readLong(), value)
        }
    }

    func testContainerRoundTripWithBothCodecs() throws {
        let schema = try AvroSchemaDocument(parsing: EveryType.schema)
        let records = (0..<3000).map { EveryType.record($0) }
        for codec in [AvroCodec.null, .deflate] {
            var bytes: [UInt8] = []
            let writer = try AvroContainerWriter(schema: schema, codec: codec, blockByteTarget: 4096) { bytes += $0 }
            for record in records { try writer.append(record) }
            try writer.finish()
            let reader = try AvroContainerReader(bytes: bytes)
            XCTAssertEqual(reader.codec, codec)
            var read: [AvroValue] = []
            try reader.forEachRecord { read.append($0) }
            XCTAssertEqual(read, records, "codec \(codec)")
            var blocks = 0
            try reader.forEachBlock { _, _ in blocks += 1 }
            XCTAssertGreaterThan(blocks, 1, "several blocks expected with a small block target")
        }
    }

    func testMismatchedRecordNamesTheFieldAndWritesNothing() throws {
        let schema = try AvroSchemaDocument(parsing: EveryType.schema)
        var bytes: [UInt8] = []
        let writer = try AvroContainerWriter(schema: schema) { bytes += $0 }
        let headerSize = bytes.count
        guard case .record(var fields) = EveryType.record(1) else { return XCTFail() }
        fields[10] = .map([("count", .boolean(true))])
        XCTAssertThrowsError(try writer.append(.record(fields))) { error in
            XCTAssertEqual("\(error)", "record.m.count: boolean matches none of the union [int, string]")
        }
        fields = { guard case .record(let f) = EveryType.record(1) else { return [] }; return f }()
        fields[7] = .int(3)
        XCTAssertThrowsError(try writer.append(.record(fields))) { error in
            XCTAssertEqual("\(error)", "record.s: expected string, found int")
        }
        try writer.finish()
        XCTAssertEqual(bytes.count, headerSize, "rejected records leave no bytes behind")
        XCTAssertEqual(writer.recordCount, 0)
    }

    func testInvalidSchemasAreRejectedClearly() {
        let cases: [(String, String)] = [
            (#"{"type": "record", "name": "r"}"#, "needs a \"fields\" array"),
            (#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "nope"}]}"#, "unknown type 'nope'"),
            (#"["null", "null"]"#, "duplicate union branch"),
            (#"["null", ["int"]]"#, "unions may not contain unions"),
            (#"{"type": "enum", "name": "e", "symbols": ["A", "A"]}"#, "duplicate enum symbol"),
            (#"{"type": "fixed", "name": "f", "size": -1}"#, "non-negative integer"),
            (#"{"type": "array"}"#, "array without"),
            (#"{"type": "record", "name": "1r", "fields": []}"#, "invalid name"),
            (#"{"type": "record", "name": "r", "fields": [{"name": "a", "type": "int"}, {"name": "a", "type": "int"}]}"#, "duplicate field"),
            ("{not json", "invalid JSON"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try AvroSchemaDocument(parsing: text), text) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(text): \(error)")
            }
        }
    }

    func testNamespacesAndNamedReferences() throws {
        let text = """
        {"type": "record", "name": "Outer", "namespace": "a.b", "fields": [
          {"name": "x", "type": {"type": "fixed", "name": "Hash", "size": 2}},
          {"name": "y", "type": "Hash"}, {"name": "z", "type": "a.b.Hash"},
          {"name": "inner", "type": {"type": "record", "name": "c.Inner", "fields": [{"name": "h", "type": "a.b.Hash"}]}}
        ]}
        """
        let schema = try AvroSchemaDocument(parsing: text)
        guard case .record(let outer) = schema.schema, case .record(let inner) = outer.fields[3].schema else { return XCTFail() }
        XCTAssertEqual(outer.fullName, "a.b.Outer")
        XCTAssertEqual(inner.fullName, "c.Inner")
        XCTAssertEqual(outer.fields[1].schema.typeName, "a.b.Hash")
    }

    func testConformanceFilesDecodeWithTheirRecordCounts() throws {
        let expected = ["group_endpoints_v2.avro": 4186, "group_groups_v2.avro": 338, "downtimes_v2.avro": 46,
                        "downtimes_03.avro": 35, "weights_v2.avro": 342, "poem_sync_v2.avro": 28, "poem_sync_2017_03_02.avro": 35]
        for (name, count) in expected {
            let lines = avroLines(Paths.fixture("avro/\(name)").path)
            XCTAssertEqual(lines.count, count, name)
        }
        let first = avroLines(Paths.fixture("avro/group_endpoints_v2.avro").path)[0]
        XCTAssertEqual(first, #"{"type": "SITES", "group": "100IT", "service": "eu.egi.cloud.accounting", "hostname": "egi-cloud-accounting.100percentit.com", "tags": {"scope": "EGI", "production": 1, "monitored": 1}}"#)
    }

    func testCorruptFilesFailWithErrorsNotCrashes() throws {
        let original = [UInt8](try Data(contentsOf: Paths.fixture("avro/weights_v2.avro")))
        var generator = SeededGenerator(seed: 42)
        var failures = 0
        for round in 0..<400 {
            var bytes = original
            switch round % 4 {
            case 0: bytes[Int.random(in: 0..<min(bytes.count, 400), using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            case 1: bytes.removeSubrange(Int.random(in: 0..<bytes.count, using: &generator)...)
            case 2:
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[at] = 0xFF
            default:
                for _ in 0..<8 { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            }
            do {
                let reader = try AvroContainerReader(bytes: bytes)
                try reader.forEachRecord { _ in }
            } catch {
                failures += 1
                XCTAssertFalse("\(error)".isEmpty)
            }
        }
        XCTAssertGreaterThan(failures, 100, "most corruptions are detected")
    }

    func testHugeCountsInCorruptDataAreBoundedBeforeAllocating() throws {
        let schema = try AvroSchemaDocument(parsing: #"{"type": "array", "items": "null"}"#)
        var encoder = AvroBinaryEncoder()
        encoder.writeLong(Int64.max / 2)
        var decoder = AvroBinaryDecoder(encoder.bytes)
        XCTAssertThrowsError(try decoder.decode(schema.schema))
        let strings = try AvroSchemaDocument(parsing: #"{"type": "array", "items": "string"}"#)
        var decoder2 = AvroBinaryDecoder(encoder.bytes)
        XCTAssertThrowsError(try decoder2.decode(strings.schema)) { error in
            XCTAssertTrue("\(error)".contains("exceeds the data left"), "\(error)")
        }
    }

    func testUnknownCodecIsNamed() throws {
        var header = AvroBinaryEncoder()
        header.writeRaw([0x4F, 0x62, 0x6A, 0x01])
        header.writeLong(2)
        header.writeString("avro.schema")
        header.writeBytes(Array("\"string\"".utf8))
        header.writeString("avro.codec")
        header.writeBytes(Array("snappy".utf8))
        header.writeLong(0)
        header.writeRaw([UInt8](repeating: 7, count: 16))
        XCTAssertThrowsError(try AvroContainerReader(bytes: header.bytes)) { error in
            XCTAssertEqual("\(error)", "unsupported codec 'snappy' (supported: null, deflate)")
        }
    }

    func testRecordBindingFollowsTheSchemaOrderAndDefaults() throws {
        let schema = try AvroSchemaDocument(parsing: """
        {"type": "record", "name": "r", "fields": [{"name": "b", "type": "string"}, {"name": "extra", "type": "string", "default": "x"},
         {"name": "a", "type": "string"}, {"name": "opt", "type": ["null", "string"]}]}
        """)
        let binding = try AvroRecordBinding(schema: schema.schema, fieldNames: ["a", "b"])
        XCTAssertEqual(binding.bind([.string("A"), .string("B")]), .record([.string("B"), .string("x"), .string("A"), .null]))
        let strict = try AvroSchemaDocument(parsing: #"{"type": "record", "name": "r", "fields": [{"name": "z", "type": "string"}]}"#)
        XCTAssertThrowsError(try AvroRecordBinding(schema: strict.schema, fieldNames: ["a"])) { error in
            XCTAssertTrue("\(error)".contains("field 'z' has no value and no default"))
        }
    }
}

