/// What a configuration problem stops: the whole run, or only one
/// connector, one customer or one job (of one connector or of all).
/// A run goes on for everything a problem does not concern.
enum ConfigScope: Sendable, Equatable {
    case run
    /// Every job of one kind of data (whatever its source).
    case connector(DataKind)
    /// Every job of one customer (its section name).
    case customer(String)
    /// One job of one customer, for one connector or (nil) for all.
    case job(customer: String, job: String, connector: DataKind?)
    /// One connector's work for one customer as a whole (a 2.3.1 tenant's topology).
    case customerWide(customer: String, connector: DataKind)
    /// Every work one of these concerns: one problem (a host certificate
    /// that cannot be read) stopping exactly the work that would meet it.
    indirect case anyOf([ConfigScope])

    /// Whether the problem stops `connector` for `job` of `customer`.
    func concerns(connector: DataKind, customer: String, job: String) -> Bool {
        switch self {
        case .run: return true
        case .connector(let name): return name == connector
        case .customer(let section): return section == customer
        case .job(let section, let jobSection, let name): return section == customer && jobSection == job && (name ?? connector) == connector
        case .customerWide(let section, let name): return section == customer && name == connector
        case .anyOf(let scopes): return scopes.contains { $0.concerns(connector: connector, customer: customer, job: job) }
        }
    }
}
