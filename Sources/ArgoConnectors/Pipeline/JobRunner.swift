import ArgoModel
import ArgoSystem
import Logging

/// The job loop shared by every connector: fetch each distinct feed once,
/// produce each job's records, bind them to the configured schemas and hand
/// them to the sinks. A failure stays with the jobs it concerns.
package final class JobRunner {
    let configuration: Configuration
    let date: RunDate
    let sinks: [any Sink]
    /// More than one sink sends the Avro encoding (Avro files and AMS): each batch is encoded once, for both.
    private var sharesEncoding: Bool { sinks.filter(\.sendsAvroEncoding).count > 1 }
    let logger: Logger
    /// Asked to stop: no new job starts, and the unfinished ones are recorded as failed.
    let cancellation: Cancellation
    /// Distinct feeds fetched at once.
    let parallelFetches: Int
    let stateFiles: StateFiles?
    /// Whether to remove what killed runs left in the jobs' folders first (not with --dry-run).
    let sweepsAbandonedFiles: Bool
    /// Refuses results that collapsed; nil without state files.
    let shrinkGuard: ShrinkGuard?
    /// `--dry-run`: the guard reports what it would decide and remembers nothing.
    let dryRun: Bool

    package init(configuration: Configuration, date: RunDate, sinks: [any Sink], logger: Logger, cancellation: Cancellation,
                 parallelFetches: Int = 4, stateFiles: StateFiles? = nil, sweepsAbandonedFiles: Bool = true,
                 shrinkGuard: ShrinkGuard? = nil, dryRun: Bool = false) {
        self.configuration = configuration
        self.date = date
        self.sinks = sinks
        self.logger = logger
        self.cancellation = cancellation
        self.parallelFetches = parallelFetches
        self.stateFiles = stateFiles
        self.sweepsAbandonedFiles = sweepsAbandonedFiles
        self.shrinkGuard = shrinkGuard
        self.dryRun = dryRun
    }

    /// What to do for one job: fetch its feed, or refuse it for a
    /// configuration problem that concerns it.
    private enum Plan<Feed> {
        case fetch(Feed)
        case refuse([ConfigDiagnostic])
    }

    /// Runs `connector` for the customers it is the source for (`source`:
    /// the one named on the command line, if any). `reportsUnreadable`:
    /// whether this run reports the customers that could not be read (once
    /// per command, when several sources run).
    package func run<C: Connector>(_ connector: C, source: DataSource? = nil, reportsUnreadable: Bool = true) -> RunOutcome {
        let descriptor = C.descriptor
        var outcome = RunOutcome(connector: descriptor)
        let started = ContinuousClock.now
        delivered.removeAll()
        // Customers and jobs that could not be read fail every run, without state files (they have no folder).
        for problem in configuration.unreadable where reportsUnreadable {
            logger.error("\(problem)")
            outcome.otherFailures += 1
        }
        var planned: [(JobTarget, Plan<C.Feed>)] = []
        for customer in configuration.customers.customers where ConnectorCatalogue.isChosen(descriptor, for: customer, source: source) {
            // A connector that runs per customer in the customer's generation has one unit of work: the customer.
            let targets = descriptor.perCustomerIn.contains(customer.generation)
                ? [JobTarget(wholeCustomer: customer, date: date)]
                : customer.jobs.map { JobTarget(customer: customer, job: $0, date: date) }
            for target in targets {
                let job = target.job
                sweepAbandonedFiles(of: target)
                var problems = configuration.problems(connector: descriptor.data, customer: customer.section, job: job.section)
                if problems.isEmpty, !descriptor.generations.contains(customer.generation) {
                    problems.append(ConfigDiagnostic.error(customer.file.isEmpty ? configuration.customers.path : customer.file, customer.line,
                        "[\(customer.section)] is \(customer.generation.customerNoun); this build's \(descriptor.command) connector runs \(descriptor.generations.map(\.rawValue).sorted().joined(separator: " and ")) configurations only (docs/migration.md): nothing was fetched"))
                }
                if !problems.isEmpty {
                    planned.append((target, .refuse(problems)))
                } else if let feed = connector.feed(for: customer, job: job) {
                    planned.append((target, .fetch(feed)))
                } else if let slip = configuration.misspelledFeed(for: descriptor.data, customer: customer.section, job: target.isCustomerWide ? nil : job.section) {
                    // Not a quiet "nothing to do": a typo would stop this connector every night unseen; it fails (state False) until mended.
                    planned.append((target, .refuse([slip.diagnostic(customer: customer, command: descriptor.command)])))
                } else {
                    target.logger(logger).info("nothing to fetch for this job")
                }
            }
        }
        // Fetch every distinct feed (concurrently, bounded), then handle the
        // jobs one by one in configuration order: the same outputs and order
        // as a sequential run.
        var distinct: [C.Feed] = []
        for case (_, .fetch(let feed)) in planned where !distinct.contains(feed) { distinct.append(feed) }
        let cancellation = cancellation
        let results = BoundedParallel.map(distinct, limit: parallelFetches) { feed in
            Result<C.FeedData, Error> {
                try cancellation.check(connector.describe(feed))
                return try connector.fetch(feed)
            }
        }
        let fetched = Dictionary(uniqueKeysWithValues: zip(distinct, results))
        // A customer's jobs are recorded after its last one: sinks that
        // deliver per customer (the WEB-API) may still fail them.
        var customerJobs: [(JobTarget, Bool)] = []
        for (position, (target, plan)) in zip(planned.indices, planned) {
            customerJobs.append((target, runJob(connector, target: target, plan: plan, fetched: fetched)))
            let isCustomersLast = planned.indices.contains(position + 1) ? planned[position + 1].0.customer.section != target.customer.section : true
            guard isCustomersLast else { continue }
            let finished = finishCustomer(target, complete: customerJobs.allSatisfy(\.1))
            for (job, succeeded) in customerJobs {
                outcome.jobs.append(.init(target: job, succeeded: succeeded && finished))
                recordState(descriptor, target: job, succeeded: succeeded && finished, outcome: &outcome)
                logSummary(job, succeeded: succeeded && finished, since: started)
            }
            customerJobs.removeAll()
        }
        return outcome
    }

    private func runJob<C: Connector>(_ connector: C, target: JobTarget, plan: Plan<C.Feed>,
                                      fetched: [C.Feed: Result<C.FeedData, Error>]) -> Bool {
        if cancellation.isCancelled {
            // No new work: the job did not finish, and its state says so.
            target.logger(logger).error("not finished: interrupted by \(cancellation.reason)")
            return false
        }
        switch plan {
        case .refuse(let problems):
            for problem in problems { target.logger(logger).error("not run: \(problem)") }
            return false
        case .fetch(let feed):
            return handle(connector, feed: feed, result: fetched[feed], target: target)
        }
    }

    /// What each job delivered (`kind N records → where`), for its summary line.
    private var delivered: [String: [String]] = [:]

    private static func key(_ target: JobTarget) -> String { "\(target.customer.section)\n\(target.job.section)" }

    /// One line per job and run, for the log file and syslog the morning after:
    /// the outcome, the time since the run started, what was delivered.
    private func logSummary(_ target: JobTarget, succeeded: Bool, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let outputs = delivered[Self.key(target)] ?? []
        let what = outputs.isEmpty ? "nothing delivered" : outputs.joined(separator: "; ")
        // A failure's summary is an error: -q shows it, and syslog files it as one.
        target.logger(logger).log(level: succeeded ? .info : .error, "summary: \(succeeded ? "ok" : "failed") in \(Double(Int((seconds * 1000).rounded())) / 1000) s; \(what)")
    }

    /// Lets sinks deliver what they gathered for the customer; false when one failed.
    private func finishCustomer(_ target: JobTarget, complete: Bool) -> Bool {
        var customerLogger = logger
        customerLogger[metadataKey: LogKey.customer] = "\(target.customer.name)"
        var finished = true
        for sink in sinks {
            do {
                for delivered in try sink.finishCustomer(target.customer.section, complete: complete) {
                    customerLogger.info("\(delivered)")
                }
            } catch {
                customerLogger.error("\(sink.name): \(error); the customer's jobs fail")
                finished = false
            }
        }
        return finished
    }

    /// What killed runs left in the job's output and state folders (any
    /// day's): half-done replacements completed, then temporary files
    /// removed, when their writer is gone; never a live run's.
    private func sweepAbandonedFiles(of target: JobTarget) {
        guard sweepsAbandonedFiles else { return }
        let folders = [target.outputDirectory] + (stateFiles.map { [$0.directory(target)] } ?? [])
        for folder in folders {
            let completed = AtomicFileWriter.completeInterruptedReplacements(in: folder)
            if !completed.isEmpty {
                target.logger(logger).warning("completed the replacement of \(completed.joined(separator: ", ")) in \(folder), which a killed run left half done")
            }
            for name in AtomicFileWriter.sweepAbandonedTemporaries(in: folder) {
                target.logger(logger).info("removed \(folder)/\(name), left by a run that was killed")
            }
        }
    }

    private func handle<C: Connector>(_ connector: C, feed: C.Feed, result: Result<C.FeedData, Error>?, target: JobTarget) -> Bool {
        switch result {
        case .failure(let error)?:
            target.logger(logger).error("\(connector.describe(feed)): \(error)")
            return false
        case .success(let data)?:
            return deliver(connector, data: data, target: target)
        case nil:
            preconditionFailure("every planned feed was fetched")
        }
    }

    private func recordState(_ connector: ConnectorDescriptor, target: JobTarget, succeeded: Bool, outcome: inout RunOutcome) {
        guard let stateFiles else { return }
        do {
            try stateFiles.record(connector, target: target, succeeded: succeeded)
        } catch {
            target.logger(logger).error("state file: \(error)")
            outcome.otherFailures += 1
        }
    }

    private func deliver<C: Connector>(_ connector: C, data: C.FeedData, target: JobTarget) -> Bool {
        let logger = target.logger(logger)
        let batches: [OutputBatch]
        let product: JobProduct
        do {
            product = try connector.produce(data, for: target)
            // Bind every output before writing any, so a schema problem writes nothing.
            batches = try product.recordSets.map(bind)
        } catch {
            logger.error("\(error)")
            return false
        }
        logger.info("\(product.summary)")
        for warning in product.warnings { logger.warning("\(warning)") }
        let counts = Dictionary(uniqueKeysWithValues: batches.map { ($0.kind, $0.count) })
        guard passesShrinkGuard(counts, connector: C.descriptor, target: target, logger: logger) else { return false }
        var succeeded = true
        for sink in sinks {
            do {
                let delivered = try sink.deliver(batches, for: target)
                // A sink says nothing of an output it does not take (service types have no file).
                for batch in batches {
                    if let where_ = delivered[batch.kind] {
                        logger.info("\(batch.kind.rawValue): \(batch.count) records → \(where_)")
                        self.delivered[Self.key(target), default: []].append("\(batch.kind.rawValue) \(batch.count) → \(where_)")
                    }
                }
            } catch {
                logger.error("\(sink.name): \(error)")
                succeeded = false
            }
        }
        if succeeded && !dryRun, let shrinkGuard {
            do {
                try shrinkGuard.record(counts, connector: C.descriptor, target: target)
            } catch {
                logger.error("record counts: \(error)")
                return false
            }
        }
        return succeeded
    }

    /// False (after one error line) when the result collapsed and no one said it may.
    private func passesShrinkGuard(_ counts: [OutputKind: Int], connector: ConnectorDescriptor, target: JobTarget, logger: Logger) -> Bool {
        guard let shrinkGuard else { return true }
        let verdict = shrinkGuard.verdict(counts, connector: connector, target: target)
        if let warning = verdict.warning { logger.warning("\(warning)") }
        guard let refusal = verdict.refusal else { return true }
        if shrinkGuard.allowShrink {
            logger.warning("\(refusal); accepted (--allow-shrink)")
            return true
        }
        if dryRun {
            logger.warning("\(refusal): a real run would refuse it (--allow-shrink accepts it once)")
            return true
        }
        logger.error("\(refusal): refused, nothing written or published; earlier files kept. If the drop is real, run again with --allow-shrink")
        do {
            try shrinkGuard.recordRefusal(refusal, connector: connector, target: target)
        } catch {
            logger.error("record the refusal for monitoring: \(error)")
        }
        return false
    }


    private func bind(_ set: RecordSet) throws -> OutputBatch {
        guard let schema = configuration.schemas[set.kind] else {
            throw FormatError(.avroSchema, "no schema configured for \(set.kind.rawValue)")
        }
        let binding = try AvroRecordBinding(schema: schema.schema, fieldNames: set.fieldNames)
        return OutputBatch(kind: set.kind, schema: schema, count: set.count, record: { binding.bind(set.row($0)) }, ownJSON: set.json,
                           ownIndentedJSON: set.indentedJSON, sharesEncoding: sharesEncoding)
    }
}
