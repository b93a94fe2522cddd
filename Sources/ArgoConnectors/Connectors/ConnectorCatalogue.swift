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

    /// The connectors that have something to fetch for `customer` (serve its
    /// generation and find a feed for one of its jobs, or for it as a whole).
    /// Asks `feed(for:job:)` only: nothing is fetched.
    package static func running(for customer: CustomerConfig, context: ConnectorContext) -> [ConnectorDescriptor] {
        connectors.filter { hasWork($0, for: customer, context: context) }.map { $0.descriptor }
    }

    private static func hasWork<C: Connector>(_ type: C.Type, for customer: CustomerConfig, context: ConnectorContext) -> Bool {
        guard C.descriptor.generations.contains(customer.generation) else { return false }
        let connector = C(context: context)
        let jobs = C.descriptor.perCustomerIn.contains(customer.generation)
            ? [JobTarget(wholeCustomer: customer, date: context.date).job] : customer.jobs
        return jobs.contains { connector.feed(for: customer, job: $0) != nil }
    }
}
