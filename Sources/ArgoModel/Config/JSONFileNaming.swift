/// How the JSON file of an output is named, from its `[Output]` name.
package enum JSONFileNaming: Sendable, Equatable {
    /// 1.7: the twin of its Avro file, extension replaced by `.json`.
    case avroTwin
    /// 2.3.1: the `[Output]` name itself.
    case output
    /// 2.3.1 with `CompressJson`: the `[Output]` name plus `.gz`, gzipped.
    case gzippedOutput

    /// The JSON file for the output file (name or path) `name`.
    package func fileName(of name: String) -> String {
        switch self {
        case .avroTwin:
            guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return name + ".json" }
            return name[..<dot] + ".json"
        case .output: return name
        case .gzippedOutput: return name + ".gz"
        }
    }
}
