import ArgoModel
import ArgoSystem

/// Refuses a topology or weights result that collapsed (GOCDB or VAPOR
/// answering, now and then, with a valid but empty or truncated document):
/// the record counts of each job's last successful run are kept next to its
/// state files (`<state name>-counts`), and a result with none where there
/// were some, or more than `limitPercent` fewer, fails its job before any
/// sink sees it.
package struct ShrinkGuard: Sendable {
    package let stateFiles: StateFiles
    /// 0 turns the guard off.
    package let limitPercent: Int
    /// `--allow-shrink`: accept such a result this once (and remember its counts).
    package let allowShrink: Bool

    /// Downtimes are exempt (no downtime is a normal day); POEM fails a profile without metrics itself.
    static let guarded: Set<OutputKind> = [.groupOfGroups, .groupOfEndpoints, .weights]

    package init(stateFiles: StateFiles, limitPercent: Int, allowShrink: Bool) {
        self.stateFiles = stateFiles
        self.limitPercent = limitPercent
        self.allowShrink = allowShrink
    }

    /// The last successful run's date and counts.
    struct Previous {
        let date: String
        let counts: [OutputKind: Int]
    }

    func path(_ connector: ConnectorDescriptor, _ target: JobTarget) -> String {
        "\(stateFiles.directory(target))/\(connector.stateName)-counts"
    }

    func previous(_ connector: ConnectorDescriptor, _ target: JobTarget) -> Previous? {
        guard let bytes = try? LocalFiles.read(path(connector, target)), let document = try? JSONParser.parse(bytes),
              let date = document["date"]?.stringValue, case .object(let entries)? = document["counts"] else { return nil }
        var counts: [OutputKind: Int] = [:]
        for (name, value) in entries {
            if let kind = OutputKind(rawValue: name), case .number(let text) = value, let count = Int(text) { counts[kind] = count }
        }
        return Previous(date: date, counts: counts)
    }

    /// Why `counts` would be refused, or nil when they pass.
    package func refusal(_ counts: [OutputKind: Int], connector: ConnectorDescriptor, target: JobTarget) -> String? {
        guard limitPercent > 0, let previous = previous(connector, target) else { return nil }
        let shrunk = counts.filter { Self.guarded.contains($0.key) }.sorted { $0.key.rawValue < $1.key.rawValue }.compactMap { kind, count -> String? in
            guard let before = previous.counts[kind], before > 0 else { return nil }
            let lost = before - count
            guard count == 0 || lost * 100 > before * limitPercent else { return nil }
            return "\(kind.rawValue) has \(count) records where the run of \(previous.date) had \(before)"
        }
        guard !shrunk.isEmpty else { return nil }
        return shrunk.joined(separator: "; ") + " (more than ShrinkLimit \(limitPercent)% fewer)"
    }

    /// Remembers a successful run's counts.
    package func record(_ counts: [OutputKind: Int], connector: ConnectorDescriptor, target: JobTarget) throws {
        let document = JSONValue.object([
            ("date", .string(target.date.description)),
            ("counts", .object(counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .number(String($0.value))) })),
        ])
        try AtomicFileWriter.replace(path(connector, target), with: Array((JSONWriter.serialize(document) + "\n").utf8))
    }
}
