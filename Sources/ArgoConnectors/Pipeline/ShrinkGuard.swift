import ArgoModel
import ArgoSystem
import FoundationEssentials

/// Refuses a topology or weights result that collapsed (GOCDB or VAPOR
/// answering, now and then, with a valid but empty or truncated document):
/// the record counts of each job's last successful run are kept next to its
/// state files (`<state name>-counts`), and a result with none where there
/// were some, or more than `limitPercent` fewer, fails its job before any
/// sink sees it.
package struct ShrinkGuard: Sendable {
    package let stateFiles: StateFiles
    /// 0 turns the guard off.
    let limitPercent: Int
    /// `--allow-shrink`: accept such a result this once (and remember its counts).
    let allowShrink: Bool

    /// Downtimes are exempt (no downtime is a normal day); POEM fails a profile without metrics itself.
    static let guarded: Set<OutputKind> = [.groupOfGroups, .groupOfEndpoints, .weights]

    package init(stateFiles: StateFiles, limitPercent: Int, allowShrink: Bool) {
        self.stateFiles = stateFiles
        self.limitPercent = limitPercent
        self.allowShrink = allowShrink
    }

    /// What the last successful run left: nothing (a first run), its date
    /// and counts, or a counts file that cannot be read.
    package enum Previous {
        case none
        case counts(date: String, [OutputKind: Int])
        case unreadable(String)
    }

    func path(_ connector: ConnectorDescriptor, _ target: JobTarget) -> String {
        stateFiles.countsPath(connector, target: target)
    }

    package func previous(_ connector: ConnectorDescriptor, _ target: JobTarget) -> Previous {
        let file = path(connector, target)
        guard LocalFiles.exists(file) else { return .none }
        guard let bytes = try? LocalFiles.read(file, limit: LocalFiles.SizeLimit.state), let document = try? JSONParser.parse(bytes),
              let date = document["date"]?.stringValue, case .object(let entries)? = document["counts"] else {
            return .unreadable("\(file) cannot be read as the last run's counts")
        }
        var counts: [OutputKind: Int] = [:]
        for (name, value) in entries {
            guard let kind = OutputKind(rawValue: name) else { continue }
            // Beyond Int or negative: garbage, not a count.
            guard case .number(let text) = value, let count = Int(text), count >= 0 else {
                return .unreadable("\(file) holds '\(JSONWriter.serialize(value))' as the count of \(name)")
            }
            counts[kind] = count
        }
        return .counts(date: date, counts)
    }

    /// What the guard says of a result.
    package struct Verdict {
        /// Why the result is refused; nil when it passes.
        var refusal: String?
        /// Said whether or not it passes (an unreadable baseline).
        package var warning: String?
    }

    /// Whether `counts` pass against the last successful run's.
    func verdict(_ counts: [OutputKind: Int], connector: ConnectorDescriptor, target: JobTarget) -> Verdict {
        guard limitPercent > 0 else { return Verdict() }
        let guarded = counts.filter { Self.guarded.contains($0.key) }.sorted { $0.key.rawValue < $1.key.rawValue }
        switch previous(connector, target) {
        case .none:
            return Verdict()
        case .unreadable(let reason):
            // No baseline to measure a drop against; an empty result is still refused.
            let empty = guarded.filter { $0.value == 0 }.map { "\($0.key.rawValue) has no records" }
            return Verdict(refusal: empty.isEmpty ? nil : empty.joined(separator: "; ") + " and the last run's counts are unreadable",
                           warning: "shrink guard: \(reason); this run's counts replace it")
        case .counts(let date, let before):
            let shrunk = guarded.compactMap { kind, count -> String? in
                guard let earlier = before[kind], earlier > 0 else { return nil }
                // In Double: no arithmetic on stored numbers may trap.
                let lost = Double(earlier) - Double(count)
                guard count == 0 || lost * 100 > Double(earlier) * Double(limitPercent) else { return nil }
                return "\(kind.rawValue) has \(count) records where the run of \(date) had \(earlier)"
            }
            return Verdict(refusal: shrunk.isEmpty ? nil : shrunk.joined(separator: "; ") + " (more than ShrinkLimit \(limitPercent)% fewer)")
        }
    }

    /// The last refusal (day and reason), while no run has passed since.
    package func lastRefusal(_ connector: ConnectorDescriptor, _ target: JobTarget) -> (date: String, reason: String)? {
        guard let bytes = try? LocalFiles.read(stateFiles.refusalPath(connector, target: target), limit: LocalFiles.SizeLimit.state), let refusal = try? JSONParser.parse(bytes),
              let date = refusal["date"]?.stringValue, let reason = refusal["reason"]?.stringValue else { return nil }
        return (date, reason)
    }

    /// Remembers a refusal (`{"date", "reason"}`) so that monitoring can say why the day failed.
    func recordRefusal(_ reason: String, connector: ConnectorDescriptor, target: JobTarget) throws {
        let document = JSONValue.object([("date", .string(target.date.description)), ("reason", .string(reason))])
        try AtomicFileWriter.replace(stateFiles.refusalPath(connector, target: target), with: Array((JSONWriter.serialize(document) + "\n").utf8))
    }

    /// Remembers a successful run's counts.
    package func record(_ counts: [OutputKind: Int], connector: ConnectorDescriptor, target: JobTarget) throws {
        if LocalFiles.exists(stateFiles.refusalPath(connector, target: target)) { try FileManager.default.removeItem(atPath: stateFiles.refusalPath(connector, target: target)) }
        let document = JSONValue.object([
            ("date", .string(target.date.description)),
            ("counts", .object(counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .number(String($0.value))) })),
        ])
        try AtomicFileWriter.replace(path(connector, target), with: Array((JSONWriter.serialize(document) + "\n").utf8))
    }
}
