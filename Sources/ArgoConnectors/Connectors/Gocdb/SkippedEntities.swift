/// Entities left out for a missing required field, counted by what was
/// missing (`SERVICE_ENDPOINT without HOSTNAME`), so that nothing is dropped
/// in silence: each count becomes one warning line per job.
struct SkippedEntities: Sendable, Equatable {
    private(set) var counts: [String: Int] = [:]

    mutating func add(_ reason: String) {
        counts[reason, default: 0] += 1
    }

    mutating func add(_ other: SkippedEntities) {
        counts.merge(other.counts, uniquingKeysWith: +)
    }

    /// `skipped 3 SERVICE_ENDPOINT without HOSTNAME`, one line per reason.
    var warnings: [String] {
        counts.sorted { $0.key < $1.key }.map { "skipped \($0.value) \($0.key)" }
    }
}
