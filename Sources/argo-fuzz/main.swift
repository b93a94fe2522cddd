// Seeded mutation fuzzing of the readers that take untrusted input (XML
// feeds, JSON feeds, INI files, Avro files), for `make fuzz`. Built in debug
// so that exclusivity and bounds checks stay on; any crash fails the run.
//
//   argo-fuzz TARGET SECONDS SEED SEED_FILES...     TARGET: xml json ini avro
import Foundation
#if DEBUG
// The readers' internals are reachable only in a debug (testable) build;
// a release build of the package compiles the stub at the end instead.
@testable import ArgoConnectors

struct Mutator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    static let tokens: [[UInt8]] = ["<", ">", "</", "/>", "&amp;", "&#38;", "&x;", "<!DOCTYPE r [<!ENTITY x \"y\">]>", "<![CDATA[", "]]>",
                                    "\"", "{", "}", "[", "]", ":", ",", "\\u", "1e9999", "null", "%(", ")s", "[DEFAULT]", "\n ", "=",
                                    "\u{0}", "\u{FF}", "é"].map { Array($0.utf8) }

    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...Int.random(in: 0..<6, using: &self) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &self)
            switch Int.random(in: 0..<7, using: &self) {
            case 0 where !bytes.isEmpty: bytes[at] ^= UInt8(1 << Int.random(in: 0..<8, using: &self))
            case 1 where !bytes.isEmpty: bytes[at] = UInt8.random(in: 0...255, using: &self)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &self)))
            case 3: bytes.insert(contentsOf: Self.tokens.randomElement(using: &self)!, at: at)
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, at + Int.random(in: 1...256, using: &self))
                bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &self))
            case 5 where !bytes.isEmpty: bytes.removeSubrange(at...)
            default:
                var varint = AvroBinaryEncoder()
                varint.writeLong(Int64.random(in: Int64.min...Int64.max, using: &self))
                bytes.insert(contentsOf: varint.bytes, at: at)
            }
        }
        return bytes
    }
}

func fuzzXML(_ bytes: [UInt8]) {
    for method in [GocdbMethod.getSite, .getServiceEndpoint, .getServiceGroup, .getDowntime] {
        // Each shape goes where the connectors send it.
        let table = EndpointTable()
        let parser = XmlPushParser(handler: GocdbEntityReader(shape: method.shape) { entity in
            switch method {
            case .getServiceEndpoint: table.add(entity)
            case .getServiceGroup: entity.children.forEach { table.add($0, group: entity.fields[1]) }
            case .getDowntime: _ = DowntimesConnector.records(from: [entity], on: RunDate(year: 2022, month: 10, day: 27))
            case .getSite: _ = entity.attribute("NAME") ?? entity.fields[1]
            }
        })
        // Feed in uneven pieces, as a network does.
        var offset = 0
        do {
            while offset < bytes.count {
                let length = min(bytes.count - offset, 1 + offset % 97)
                try bytes[offset..<offset + length].withUnsafeBytes { try parser.consume($0) }
                offset += length
            }
            try parser.finish()
        } catch {}
    }
}

func fuzzJSON(_ bytes: [UInt8]) {
    guard let document = try? JSONParser.parse(bytes) else { return }
    _ = try? WeightsConnector.records(from: document)
    _ = try? PoemConnector.profile(from: document)
    _ = JSONWriter.serialize(document)
}

func fuzzINI(_ bytes: [UInt8]) {
    let log = DiagnosticLog()
    let ini = IniFile(text: String(decoding: bytes, as: UTF8.self), path: "fuzz.conf", log: log)
    for section in ini.sectionNames {
        for option in ini.optionNames(section: section) {
            if let value = try? ini.value(section: section, option: option)?.value { _ = try? TagSelection(parsing: value) }
        }
    }
}

func fuzzAvro(_ bytes: [UInt8]) {
    guard let reader = try? AvroContainerReader(bytes: bytes) else {
        _ = try? AvroSchemaDocument(parsing: String(decoding: bytes, as: UTF8.self))
        return
    }
    try? reader.forEachRecord { record in
        _ = JSONWriter.serialize(AvroJSONRenderer.json(record, schema: reader.schema.schema))
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 5, let seconds = Double(arguments[2]), let seed = UInt64(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: argo-fuzz xml|json|ini|avro SECONDS SEED SEED_FILE...\n".utf8))
    exit(2)
}
let targets: [String: ([UInt8]) -> Void] = ["xml": fuzzXML, "json": fuzzJSON, "ini": fuzzINI, "avro": fuzzAvro]
guard let target = targets[arguments[1]] else {
    FileHandle.standardError.write(Data("argo-fuzz: unknown target \(arguments[1])\n".utf8))
    exit(2)
}
let seeds = arguments[4...].compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
guard !seeds.isEmpty else {
    FileHandle.standardError.write(Data("argo-fuzz: no readable seed files\n".utf8))
    exit(2)
}
var mutator = Mutator(seed: seed)
let deadline = Date().addingTimeInterval(seconds)
var runs = 0
while Date() < deadline {
    var input = seeds[runs % seeds.count]
    for _ in 0..<(1 + runs % 3) { input = mutator.mutate(input) }
    target(input)
    runs += 1
}
print("argo-fuzz \(arguments[1]): \(runs) inputs in \(Int(seconds)) s, seed \(seed), no crash")
#else
FileHandle.standardError.write(Data("argo-fuzz: build it in debug (make fuzz does)\n".utf8))
exit(2)
#endif
