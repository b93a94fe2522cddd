import ArgoConnectors

/// The Python connectors' script names, installed as links to the binary
/// so that existing cron entries and scripts keep working: each connector's
/// (from the catalogue), and replay-avro-data.py.
enum LegacyNames {
    static let replayScript = "replay-avro-data.py"

    package static var commands: [String: String] { scripts.mapValues { $0[0] } }

    /// Each script name's command, and `--source` when the command has several.
    static var scripts: [String: [String]] {
        var names = [replayScript: [ReplayCommand.name]]
        for command in ConnectorCatalogue.commands {
            for descriptor in command.descriptors {
                for script in descriptor.scriptNames {
                    names[script] = [command.name] + (command.connectors.count > 1 ? ["--source", descriptor.source.optionValue] : [])
                }
            }
        }
        return names
    }

    /// replay-avro-data.py's short flags (`-a` in later versions, `-h` in earlier ones, for the host).
    static let replayFlags = ["-a": "--host", "-h": "--host", "-p": "--project", "-t": "--token", "-o": "--topic",
                              "-r": "--report", "-f": "--file", "-s": "--schema", "-m": "--type", "-d": "--date"]

    /// The arguments in this program's terms, or nil when `name` is not a legacy name.
    static func translate(_ name: String, _ arguments: [String]) -> [String]? {
        guard let command = scripts[name] else { return nil }
        guard name == replayScript else { return command + arguments }
        return command + arguments.map { replayFlags[$0] ?? $0 }
    }
}
