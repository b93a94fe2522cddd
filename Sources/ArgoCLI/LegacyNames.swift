/// The Python connectors' script names, installed as links to the binary
/// so that existing cron entries and scripts keep working.
package enum LegacyNames {
    package static let commands = [
        "topology-gocdb-connector.py": "topology",
        "downtimes-gocdb-connector.py": "downtimes",
        "weights-vapor-connector.py": "weights",
        "poem-connector.py": "poem",
        "replay-avro-data.py": "replay",
    ]

    /// replay-avro-data.py's short flags (`-a` in later versions, `-h` in earlier ones, for the host).
    static let replayFlags = ["-a": "--host", "-h": "--host", "-p": "--project", "-t": "--token", "-o": "--topic",
                              "-r": "--report", "-f": "--file", "-s": "--schema", "-m": "--type", "-d": "--date"]

    /// The arguments in this program's terms, or nil when `name` is not a legacy name.
    static func translate(_ name: String, _ arguments: [String]) -> [String]? {
        guard let command = commands[name] else { return nil }
        guard command == "replay" else { return [command] + arguments }
        return [command] + arguments.map { replayFlags[$0] ?? $0 }
    }
}
