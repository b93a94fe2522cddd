import ArgoModel

/// `--dry-run`: checks that every record encodes, then says what each of
/// the run's real sinks would write or publish; writes and publishes nothing.
package struct DryRunSink: Sink {
    let planning: [any Sink]
    package var name: String { "dry-run" }

    package init(planning sinks: [any Sink]) {
        planning = sinks
    }

    package func deliver(_ batches: [OutputBatch], for target: JobTarget) throws -> [OutputKind: String] {
        try batches.delivered { batch in
            try batch.checkEncoding()
            return plan(batch, for: target) ?? ""
        }
    }

    /// The real sinks' plans, in their order (the job runner logs it, like a real delivery's).
    package func plan(_ batch: OutputBatch, for target: JobTarget) -> String? {
        planning.compactMap { $0.plan(batch, for: target) }.joined(separator: "; ")
    }
}
