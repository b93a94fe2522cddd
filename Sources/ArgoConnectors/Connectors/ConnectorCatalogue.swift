import ArgoModel

/// Everything the tool can fetch: one line per connector. The command
/// table, `--help`, `all`, the old script names, state files and locks
/// derive from these connectors' descriptors.
package enum ConnectorCatalogue {
    package static let connectors: [any Connector.Type] = [
        TopologyConnector.self,
        DowntimesConnector.self,
        WeightsConnector.self,
        PoemConnector.self,
        WebAPIMetricProfilesConnector.self,
        GocdbServiceTypesConnector.self,
    ]

    package static var descriptors: [ConnectorDescriptor] { connectors.map { $0.descriptor } }
}
