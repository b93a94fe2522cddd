import ArgoModel

/// The WEB-API resources the connectors write, per day (`?date=`).
package enum WebAPIResource: String, Sendable, CaseIterable {
    case topologyGroups = "topology/groups"
    case topologyEndpoints = "topology/endpoints"
    case downtimes
    case weights
    case serviceTypes = "topology/service-types"

    /// The resource an output goes to; nil for metric profiles, which live in the WEB-API already.
    package init?(_ kind: OutputKind) {
        switch kind {
        case .groupOfGroups: self = .topologyGroups
        case .groupOfEndpoints: self = .topologyEndpoints
        case .downtimes: self = .downtimes
        case .weights: self = .weights
        case .serviceTypes: self = .serviceTypes
        case .poem: return nil
        }
    }

    /// Whether the WEB-API keeps it per tenant (customer) and day, so that
    /// the records of the customer's jobs are gathered and posted as one;
    /// otherwise per report (job).
    package var isPerCustomer: Bool { self != .weights }

    /// The fields of one record the WEB-API keeps and takes back: what the
    /// connectors post (2.3.1's `notifications` only when the record has
    /// them) and a service type's `title`, which another client may have set.
    package var fields: [String] {
        switch self {
        case .topologyGroups: return ["type", "group", "subgroup", "tags", "notifications"]
        case .topologyEndpoints: return ["type", "group", "service", "hostname", "tags", "notifications"]
        case .downtimes: return ["hostname", "service", "start_time", "end_time", "description", "classification", "severity"]
        case .weights: return ["weight_type", "group_type", "name", "groups"]
        case .serviceTypes: return ["name", "title", "description", "tags"]
        }
    }

    /// A record the WEB-API listed (with its `date` and whatever else it
    /// adds), as it can be posted again: the fields above, in their order;
    /// a `title` the WEB-API lists as `""` because none was ever sent left out.
    func postable(_ listed: JSONValue) -> JSONValue {
        .object(fields.compactMap { name in
            guard let value = listed[name], !(name == "title" && value == .string("")) else { return nil }
            return (name, value)
        })
    }

    /// The body of a POST: records as an array, downtimes inside `{"endpoints": [...]}`.
    package func body(_ records: [JSONValue]) -> JSONValue {
        self == .downtimes ? .object([("endpoints", .array(records))]) : .array(records)
    }
}
