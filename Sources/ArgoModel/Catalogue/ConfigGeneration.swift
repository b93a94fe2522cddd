/// Which connectors' configuration a file follows: the 1.7 EGI connectors'
/// (Avro files and AMS, per job) or argo-connectors 2.3.1's (JSON files and
/// the WEB-API, topology and downtimes per tenant). Recognised per file and
/// per customer (see `GlobalConfig.generation`, `CustomerConfig.tenant`).
package enum ConfigGeneration: String, Sendable, CaseIterable {
    case egi17 = "1.7"
    case argo231 = "2.3.1"

    /// For messages: "a 1.7 customer", "an argo-connectors 2.3.1 tenant".
    package var customerNoun: String {
        switch self {
        case .egi17: return "an argo-egi-connectors 1.7 customer"
        case .argo231: return "an argo-connectors 2.3.1 tenant"
        }
    }
}
