/// Entities left out for a missing required field, counted by what was
/// missing (`SERVICE_ENDPOINT without HOSTNAME`), so that nothing is dropped
/// in silence: each count becomes one warning line per job.
struct SkippedEntities: Sendable, Equatable {
    private(set) var counts: [String: Int] = [:]
    /// Where (`line 3`, `result[2]`), for reasons said with places: the first few.
    private(set) var places: [String: [String]] = [:]
    static let placesShown = 10

    mutating func add(_ reason: String) {
        counts[reason, default: 0] += 1
    }

    /// One left out at `place` (a feed's line or element), said in the warning.
    mutating func add(_ reason: String, at place: String) {
        add(reason)
        if places[reason, default: []].count < Self.placesShown { places[reason, default: []].append(place) }
    }

    mutating func add(_ other: SkippedEntities) {
        counts.merge(other.counts, uniquingKeysWith: +)
        places.merge(other.places) { Array(($0 + $1).prefix(Self.placesShown)) }
    }

    /// `skipped 3 SERVICE_ENDPOINT without HOSTNAME`, one line per reason (`(line 3, line 7)` where known).
    var warnings: [String] {
        counts.sorted { $0.key < $1.key }.map { reason, count in
            let at = places[reason].map { list in " (" + list.joined(separator: ", ") + (count > list.count ? ", …" : "") + ")" } ?? ""
            return "skipped \(count) \(reason)\(at)"
        }
    }
}
