// Seeded mutation fuzzing of the readers that take untrusted input (XML
// feeds, JSON feeds, INI files, Avro files): `make fuzz` uses it where
// libFuzzer cannot be built. Built in debug so that exclusivity and bounds
// checks stay on; any crash fails the run.
//
//   argo-fuzz TARGET SECONDS SEED SEED_FILES...     TARGET: xml json ini avro flat
import Foundation
#if DEBUG
// The readers' internals are reachable only in a debug (testable) build;
// a release build of the package compiles the stub at the end instead.
@testable import ArgoConnectors
import ArgoModel

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

let arguments = CommandLine.arguments
guard arguments.count >= 5, let seconds = Double(arguments[2]), let seed = UInt64(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: argo-fuzz xml|json|ini|avro|flat SECONDS SEED SEED_FILE...\n".utf8))
    exit(2)
}
guard let target = fuzzTargets[arguments[1]] else {
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
