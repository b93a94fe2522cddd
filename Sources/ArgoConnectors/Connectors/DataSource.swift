import ArgoModel

/// Every source the tool reads, with what it brings: the catalogue's one
/// entry per source. Adding a source is its folder and a case here: the
/// switch in `entry` is exhaustive, so the compiler asks for its
/// connectors, how `--source` spells it and whether a 2.3.1 tenant's
/// `TopoType` may name it. The raw value is the name a person or a file
/// sees (a connector's source in messages, a tenant's `TopoType`).
package enum DataSource: String, Sendable, CaseIterable {
    case gocdb = "GOCDB"
    case csv = "CSV"
    case json = "JSON"
    case eoscProviders = "EOSC-PROVIDERS"
    case agora = "AGORA"
    case lot1sc = "LOT1SC"
    case vapor = "VAPOR"
    case poem = "POEM"
    case webAPI = "WEB-API"

    /// What a source brings to the catalogue.
    package struct Entry {
        /// Its connectors, one per kind of data it serves.
        package let connectors: [any Connector.Type]
        /// The value of `--source` that names it.
        let optionValue: String
        /// Whether a tenant's `TopoType` may name it.
        let isTopoType: Bool
    }

    package var entry: Entry {
        switch self {
        case .gocdb: Entry(connectors: [TopologyConnector.self, DowntimesConnector.self, GocdbServiceTypesConnector.self], optionValue: "gocdb", isTopoType: true)
        case .csv: Entry(connectors: [CSVTopologyConnector.self, CSVDowntimesConnector.self, CSVServiceTypesConnector.self], optionValue: "csv", isTopoType: true)
        case .json: Entry(connectors: [JSONTopologyConnector.self, JSONServiceTypesConnector.self], optionValue: "json", isTopoType: true)
        case .eoscProviders: Entry(connectors: [ProviderTopologyConnector.self], optionValue: "provider", isTopoType: true)
        case .agora: Entry(connectors: [AgoraTopologyConnector.self], optionValue: "agora", isTopoType: true)
        case .lot1sc: Entry(connectors: [Lot1scTopologyConnector.self], optionValue: "lot1sc", isTopoType: true)
        case .vapor: Entry(connectors: [WeightsConnector.self], optionValue: "vapor", isTopoType: false)
        case .poem: Entry(connectors: [PoemConnector.self], optionValue: "poem", isTopoType: false)
        case .webAPI: Entry(connectors: [WebAPIMetricProfilesConnector.self], optionValue: "webapi", isTopoType: false)
        }
    }

    /// The value of `--source` that names it.
    package var optionValue: String { entry.optionValue }

    /// The sources a tenant's `TopoType` may name (2.3.1's six), in this order.
    package static var topoTypes: [DataSource] { allCases.filter { $0.entry.isTopoType } }
}

extension TenantConfig {
    /// The source its `TopoType` names (read as one of `DataSource.topoTypes`).
    package var source: DataSource? { DataSource(rawValue: topoType) }
}

extension SourceRule.Applies {
    /// The tenants whose `TopoType` is `source`.
    static func tenants(of source: DataSource) -> Self { .topoType(source.rawValue) }
}
