enum TopologyCommand {
    static var spec: CommandSpec { PendingCommand.spec("topology", "fetch GOCDB topology", options: CommonOptions.configuration + [CommonOptions.date]) }
}
enum DowntimesCommand {
    static var spec: CommandSpec { PendingCommand.spec("downtimes", "fetch GOCDB downtimes", options: CommonOptions.configuration + [CommonOptions.date]) }
}
