import ArgoModel
import ArgoSystem
import Logging

/// The job loop shared by every connector: fetch each distinct feed once,
/// produce each job's records, bind them to the configured schemas and hand
/// them to the sinks. A failure stays with the jobs it concerns.
package final class JobRunner {
    let configuration: Configuration
    let date: RunDate
    let sinks: [Sink]
    let logger: Logger
    /// Distinct feeds fetched at once.
    let parallelFetches: Int
    let stateFiles: StateFiles?
    /// Whether to remove what killed runs left in the jobs' folders first (not with --dry-run).
    let sweepsAbandonedFiles: Bool
    /// Refuses results that collapsed; nil without state files.
    let shrinkGuard: ShrinkGuard?
    /// `--dry-run`: the guard reports what it would decide and remembers nothing.
    let dryRun: Bool

    package init(configuration: Configuration, date: RunDate, sinks: [Sink], logger: Logger,
                parallelFetches: Int = 4, stateFiles: StateFiles? = nil, sweepsAbandonedFiles: Bool = true,
                shrinkGuard: ShrinkGuard? = nil, dryRun: Bool = false) {
        self.configuration = configuration
        self.date = date
        self.sinks = sinks
        self.logger = logger
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

    package func run<C: Connector>(_ connector: C) -> RunOutcome {
        var outcome = RunOutcome(connector: connector.name)
        // Customers and jobs that could not be read fail every run, without state files (they have no folder).
        for problem in configuration.unreadable {
            logger.error("\(problem)")
            outcome.otherFailures += 1
        }
        var planned: [(JobTarget, Plan<C.Feed>)] = []
        for customer in configuration.customers.customers {
            for job in customer.jobs {
                let target = JobTarget(customer: customer, job: job, date: date)
                sweepAbandonedFiles(of: target)
                let problems = configuration.problems(connector: connector.name, customer: customer.section, job: job.section)
                if !problems.isEmpty {
                    planned.append((target, .refuse(problems)))
                } else if let feed = connector.feed(for: customer, job: job) {
                    planned.append((target, .fetch(feed)))
                } else {
                    logger.info("\(target.label) nothing to fetch for this job")
                }
            }
        }
        // Fetch every distinct feed (concurrently, bounded), then handle the
        // jobs one by one in configuration order: the same outputs and order
        // as a sequential run.
        var distinct: [C.Feed] = []
        for case (_, .fetch(let feed)) in planned where !distinct.contains(feed) { distinct.append(feed) }
        let results = BoundedParallel.map(distinct, limit: parallelFetches) { feed in
            Result<C.FeedData, Error> {
                try Interruption.check(connector.describe(feed))
                return try connector.fetch(feed)
            }
        }
        let fetched = Dictionary(uniqueKeysWithValues: zip(distinct, results))
        // A customer's jobs are recorded after its last one: sinks that
        // deliver per customer (the WEB-API) may still fail them.
        var customerJobs: [(JobTarget, Bool)] = []
        for (index, (target, plan)) in planned.enumerated() {
            customerJobs.append((target, runJob(connector, target: target, plan: plan, fetched: fetched)))
            let next = index + 1 < planned.count ? planned[index + 1].0.customer.section : nil
            guard next != target.customer.section else { continue }
            let finished = finishCustomer(target, complete: customerJobs.allSatisfy(\.1))
            for (job, succeeded) in customerJobs {
                outcome.jobs.append(.init(target: job, succeeded: succeeded && finished))
                recordState(connector.name, target: job, succeeded: succeeded && finished, outcome: &outcome)
            }
            customerJobs.removeAll()
        }
        return outcome
    }

    private func runJob<C: Connector>(_ connector: C, target: JobTarget, plan: Plan<C.Feed>,
                                      fetched: [C.Feed: Result<C.FeedData, Error>]) -> Bool {
        if Interruption.requested {
            // No new work: the job did not finish, and its state says so.
            logger.error("\(target.label) not finished: interrupted by \(Interruption.signalName)")
            return false
        }
        switch plan {
        case .refuse(let problems):
            for problem in problems { logger.error("\(target.label) not run: \(problem)") }
            return false
        case .fetch(let feed):
            return handle(connector, feed: feed, result: fetched[feed], target: target)
        }
    }

    /// Lets sinks deliver what they gathered for the customer; false when one failed.
    private func finishCustomer(_ target: JobTarget, complete: Bool) -> Bool {
        var finished = true
        for sink in sinks {
            do {
                for delivered in try sink.finishCustomer(target.customer.section, complete: complete) {
                    logger.info("Customer:\(target.customer.name) \(delivered)")
                }
            } catch {
                logger.error("Customer:\(target.customer.name) \(sink.name): \(error); the customer's jobs fail")
                finished = false
            }
        }
        return finished
    }

    /// Temporary files of killed runs in the job's output and state folders
    /// (any day's): removed when their writer is gone, never a live run's.
    private func sweepAbandonedFiles(of target: JobTarget) {
        guard sweepsAbandonedFiles else { return }
        let folders = [JobDestination(target, global: configuration.global).directory] + (stateFiles.map { [$0.directory(target)] } ?? [])
        for folder in folders {
            for name in AtomicFileWriter.sweepAbandonedTemporaries(in: folder) {
                logger.info("\(target.label) removed \(folder)/\(name), left by a run that was killed")
            }
        }
    }

    private func handle<C: Connector>(_ connector: C, feed: C.Feed, result: Result<C.FeedData, Error>?, target: JobTarget) -> Bool {
        switch result {
        case .failure(let error)?:
            logger.error("\(target.label) \(connector.describe(feed)): \(error)")
            return false
        case .success(let data)?:
            return deliver(connector, data: data, target: target)
        case nil:
            preconditionFailure("every planned feed was fetched")
        }
    }

    private func recordState(_ connector: String, target: JobTarget, succeeded: Bool, outcome: inout RunOutcome) {
        guard let stateFiles else { return }
        do {
            try stateFiles.record(connector: connector, target: target, succeeded: succeeded)
        } catch {
            logger.error("\(target.label) state file: \(error)")
            outcome.otherFailures += 1
        }
    }

    private func deliver<C: Connector>(_ connector: C, data: C.FeedData, target: JobTarget) -> Bool {
        let batches: [OutputBatch]
        let product: JobProduct
        do {
            product = try connector.produce(data, for: target)
            // Bind every output before writing any, so a schema problem writes nothing.
            batches = try product.recordSets.map(bind)
        } catch {
            logger.error("\(target.label) \(error)")
            return false
        }
        logger.info("\(target.label) \(product.summary)")
        for warning in product.warnings { logger.warning("\(target.label) \(warning)") }
        let counts = Dictionary(uniqueKeysWithValues: batches.map { ($0.kind, $0.count) })
        guard passesShrinkGuard(counts, connector: connector.name, target: target) else { return false }
        let destination = JobDestination(target, global: configuration.global)
        var succeeded = true
        for sink in sinks {
            do {
                for (batch, delivered) in zip(batches, try sink.deliver(batches, to: destination)) {
                    logger.info("\(target.label) \(batch.kind.rawValue): \(batch.count) records → \(delivered)")
                }
            } catch {
                logger.error("\(target.label) \(sink.name): \(error)")
                succeeded = false
            }
        }
        if succeeded && !dryRun, let shrinkGuard {
            do {
                try shrinkGuard.record(counts, connector: connector.name, target: target)
            } catch {
                logger.error("\(target.label) record counts: \(error)")
                return false
            }
        }
        return succeeded
    }

    /// False (after one error line) when the result collapsed and no one said it may.
    private func passesShrinkGuard(_ counts: [OutputKind: Int], connector: String, target: JobTarget) -> Bool {
        guard let shrinkGuard, let refusal = shrinkGuard.refusal(counts, connector: connector, target: target) else { return true }
        if shrinkGuard.allowShrink {
            logger.warning("\(target.label) \(refusal); accepted (--allow-shrink)")
            return true
        }
        if dryRun {
            logger.warning("\(target.label) \(refusal): a real run would refuse it (--allow-shrink accepts it once)")
            return true
        }
        logger.error("\(target.label) \(refusal): refused, nothing written or published; earlier files kept. If the drop is real, run again with --allow-shrink")
        return false
    }

    private func bind(_ set: RecordSet) throws -> OutputBatch {
        guard let schema = configuration.schemas[set.kind] else {
            throw FormatError(.avroSchema, "no schema configured for \(set.kind.rawValue)")
        }
        let binding = try AvroRecordBinding(schema: schema.schema, fieldNames: set.fieldNames)
        return OutputBatch(kind: set.kind, schema: schema, count: set.count) { binding.bind(set.row($0)) }
    }
}
