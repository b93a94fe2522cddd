import ArgoConnectors

/// The Python connectors' script names, installed as links to the binary
/// so that existing cron entries and scripts keep working: each connector's
/// (from the catalogue), and replay-avro-data.py.
package enum LegacyNames {
    static let replayScript = "replay-avro-data.py"

    package static var commands: [String: String] {
        var names = [replayScript: ReplayCommand.name]
        for descriptor in ConnectorCatalogue.descriptors {
            for script in descriptor.scriptNames { names[script] = descriptor.command }
        }
        return names
    }

    /// replay-avro-data.py's short flags (`-a` in later versions, `-h` in earlier ones, for the host).
    static let replayFlags = ["-a": "--host", "-h": "--host", "-p": "--project", "-t": "--token", "-o": "--topic",
                              "-r": "--report", "-f": "--file", "-s": "--schema", "-m": "--type", "-d": "--date"]

    /// The arguments in this program's terms, or nil when `name` is not a legacy name.
    static func translate(_ name: String, _ arguments: [String]) -> [String]? {
        guard let command = commands[name] else { return nil }
        guard name == replayScript else { return [command] + arguments }
        return [command] + arguments.map { replayFlags[$0] ?? $0 }
    }
}
