/// Where data comes from: one name per source, for the catalogue (each
/// connector's `source`, `--source`) and a 2.3.1 tenant's `TopoType` alike.
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

    /// The sources a tenant's `TopoType` may name (2.3.1's six), in its order.
    package static let topoTypes: [DataSource] = [.gocdb, .csv, .json, .eoscProviders, .agora, .lot1sc]

    /// The value of `--source` that names it.
    package var optionValue: String {
        switch self {
        case .eoscProviders: "provider"
        case .webAPI: "webapi"
        case .gocdb, .csv, .json, .agora, .lot1sc, .vapor, .poem: rawValue.lowercased()
        }
    }
}
