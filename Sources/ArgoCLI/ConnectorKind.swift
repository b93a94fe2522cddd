import ArgoConnectors
import ArgoModel
import ArgoSystem
import Logging

/// The four connectors, as commands and as steps of `all`.
enum ConnectorKind: String, CaseIterable, Sendable {
    case topology, downtimes, weights, poem

    func make(http: HTTPClient, date: RunDate, logger: Logger) -> any Connector {
        switch self {
        case .topology: return TopologyConnector(http: http)
        case .downtimes: return DowntimesConnector(http: http, date: date)
        case .weights: return WeightsConnector(http: http, logger: logger)
        case .poem: return PoemConnector(http: http)
        }
    }

    var summary: String {
        switch self {
        case .topology: return "fetch GOCDB topology (sites or service groups and their endpoints)"
        case .downtimes: return "fetch GOCDB scheduled downtimes for a day"
        case .weights: return "fetch VAPOR site weights (ComputationPower)"
        case .poem: return "fetch POEM metric profiles"
        }
    }

    var details: String {
        switch self {
        case .topology: return "Writes TopologyGroupOfGroups and TopologyGroupOfEndpoints for every job."
        case .downtimes: return "Writes Downtimes for every job: scheduled outages overlapping the day, clipped to it."
        case .weights: return "Writes Weights for every job; jobs on the same WeightsFeed share one fetch."
        case .poem: return "Writes Poem for every job with Profiles. A job any of whose profiles is missing,\nrefused, of another VO or malformed fails and writes nothing."
        }
    }
}
