import ArgoConnectors

/// `all`: every connector of the catalogue for one day in one run (one cron line).
enum AllCommand {
    static var spec: CommandSpec {
        let names = ConnectorCatalogue.commands.map(\.name)
        return CommandSpec(name: "all", summary: "run \(names.dropLast().joined(separator: ", ")) and \(names.last!) for a day (those of the configuration's generation), then print a table of results",
                           options: CommonOptions.configuration + [CommonOptions.date] + RunOptions.all,
                           details: "Carries on past failures; exits 1 if any job of any connector failed. With -q the table is printed only then.") { arguments, environment in
            guard let session = try ConnectorSession.start(arguments, environment: environment, dateOption: CommonOptions.date) else {
                return .usageOrConfiguration
            }
            // The connectors of the configuration's generation(s); a 2.3.1 connector has nothing to do for a 1.7 customer.
            let generations = Set(session.configuration.customers.customers.map(\.generation))
            let outcomes = ConnectorCatalogue.commands.filter { command in
                command.descriptors.contains { !$0.generations.isDisjoint(with: generations) }
            }.map { session.run($0) }
            let succeeded = outcomes.allSatisfy(\.succeeded)
            // -q (cron): nothing on success, so that only failures are mailed.
            if !succeeded || !arguments[RunOptions.quiet] { environment.output.writeLine(table(outcomes, session: session)) }
            return session.finish(succeeded ? .success : .runtimeFailure)
        }
    }

    /// One row per job, one column per connector: ok, failed, or - (nothing to do).
    static func table(_ outcomes: [RunOutcome], session: ConnectorSession) -> String {
        var rows = [["CUSTOMER", "JOB"] + outcomes.map(\.connector.command)]
        for customer in session.configuration.customers.customers {
            for job in customer.jobs {
                rows.append([customer.name, job.section] + outcomes.map { outcome in
                    // Work done once per customer (a 2.3.1 tenant's downtimes) stands in each of its jobs' rows.
                    guard let result = outcome.jobs.first(where: {
                        $0.target.customer.section == customer.section && ($0.target.job.section == job.section || $0.target.isCustomerWide)
                    }) else { return "-" }
                    return result.succeeded ? "ok" : "failed"
                })
            }
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max()! }
        let lines = rows.map { row in zip(row, widths).map { $0.padding(toLength: $1 + 1) }.joined().trimmingBlanks() }
        return "Results for \(session.date):\n" + lines.joined(separator: "\n")
    }
}
