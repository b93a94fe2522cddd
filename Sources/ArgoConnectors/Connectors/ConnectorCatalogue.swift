import ArgoModel
import ArgoSystem

/// Everything the tool can fetch: the connectors of every source
/// (`DataSource`). The command table, `--help`, `all`, the old script
/// names, state files, locks and the configuration's options derive from
/// these connectors' descriptors.
package enum ConnectorCatalogue {
    /// Every source's connectors (`DataSource.entry`), by kind of data, then source.
    package static let connectors: [any Connector.Type] = DataKind.allCases.flatMap { data in
        DataSource.allCases.flatMap(\.entry.connectors).filter { $0.descriptor.data == data }
    }

    package static var descriptors: [ConnectorDescriptor] { connectors.map { $0.descriptor } }

    /// What the connectors declare of the configuration: the TopoTypes, every option, the rules.
    package static let declarations = SourceDeclarations(topoTypes: DataSource.topoTypes.map(\.rawValue),
                                                         options: descriptors.flatMap(\.options), rules: descriptors.flatMap(\.rules))

    /// The connectors sharing a command (one per source of that data), in catalogue order.
    package struct Command {
        package let name: String
        package let connectors: [any Connector.Type]

        package var descriptors: [ConnectorDescriptor] { connectors.map { $0.descriptor } }
        /// The sources `--source` may name (more than one).
        package var sources: [DataSource] { descriptors.map(\.source) }
    }

    package static var commands: [Command] {
        var names: [String] = []
        for descriptor in descriptors where !names.contains(descriptor.command) { names.append(descriptor.command) }
        return names.map { name in Command(name: name, connectors: connectors.filter { $0.descriptor.command == name }) }
    }

    /// Whether `descriptor`'s source is the one for `customer`: the source
    /// named (script name or `--source`), else, for a 2.3.1 tenant, the one
    /// its TopoType calls for. A 1.7 customer has one source per data: the 1.7 one.
    package static func isChosen(_ descriptor: ConnectorDescriptor, for customer: CustomerConfig, source: DataSource?) -> Bool {
        if let source { return descriptor.source == source }
        guard let tenant = customer.tenant else { return descriptor.generations.contains(customer.generation) }
        return tenant.source.map(descriptor.topoTypes.contains) ?? false
    }

    /// The connectors that have something to fetch for `customer` (serve its
    /// generation, are its source and find a feed for one of its jobs, or for
    /// it as a whole). Asks `feed(for:job:)` only: nothing is fetched.
    package static func running(for customer: CustomerConfig, context: ConnectorContext) -> [ConnectorDescriptor] {
        work(for: customer, context: context).map(\.connector)
    }

    /// Each connector that runs for `customer`, with the jobs it has a feed
    /// for (the customer's stand-in job when it runs once per customer).
    package static func work(for customer: CustomerConfig, context: ConnectorContext) -> [(connector: ConnectorDescriptor, jobs: [JobConfig])] {
        connectors.compactMap { type in
            let jobs = jobsWithWork(type, for: customer, context: context)
            return jobs.isEmpty ? nil : (type.descriptor, jobs)
        }
    }

    private static func jobsWithWork<C: Connector>(_ type: C.Type, for customer: CustomerConfig, context: ConnectorContext) -> [JobConfig] {
        guard C.descriptor.generations.contains(customer.generation), isChosen(C.descriptor, for: customer, source: nil) else { return [] }
        let connector = C(context: context)
        let jobs = C.descriptor.perCustomerIn.contains(customer.generation)
            ? [JobTarget(wholeCustomer: customer, date: context.date).job] : customer.jobs
        return jobs.filter { connector.feed(for: customer, job: $0) != nil }
    }
}

extension Configuration {
    /// The files read from this host's file system, with the connectors' declarations.
    package static func read(globalPath: String, customerPaths: [String]) -> Reading {
        read(globalPath: globalPath, customerPaths: customerPaths, sources: ConnectorCatalogue.declarations, files: LocalFiles())
    }

    /// `read`: the configuration (nil on an error that stops the run) and every diagnostic.
    package static func load(globalPath: String, customerPath: String) -> (Configuration?, DiagnosticLog) {
        let reading = read(globalPath: globalPath, customerPaths: [customerPath])
        return (reading.configuration, reading.log)
    }
}
