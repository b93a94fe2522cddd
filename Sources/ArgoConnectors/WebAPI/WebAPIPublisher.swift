import ArgoModel
import ArgoSystem

/// Writes one day's data of a tenant to the WEB-API so that re-running a
/// day replaces it, never duplicates it, and a failure never leaves less
/// than the day held: the resources of one call are one unit. Each is
/// POSTed; on 409 (the day holds data) the day is read (GET): when it holds
/// what would be written already, nothing is deleted or posted; otherwise
/// it is deleted and POSTed again. When a step fails, every resource
/// already changed is put back as it was (the read data POSTed again, or a
/// new day deleted), and the error says what the WEB-API holds for the day
/// after. Putting back goes on after SIGTERM: it is what makes stopping
/// safe. 5xx, timeouts and connection errors are retried by the HTTP
/// client; answers that are not the WEB-API's JSON are refused.
struct WebAPIPublisher: Sendable {
    let client: WebAPIClient
    /// The same client without the run's cancellation, to put a day back.
    let restoring: WebAPIClient

    init(client: WebAPIClient) {
        self.client = client
        restoring = client.ignoringCancellation()
    }

    /// What was done to one resource.
    enum Change: Sendable {
        /// The day held nothing: undone by DELETE.
        case created(WebAPIResource)
        /// The day held `previous`: undone by DELETE and POST of it.
        case replaced(WebAPIResource, previous: [JSONValue])
        /// The day held these records already: nothing was written.
        case unchanged(WebAPIResource)

        package var resource: WebAPIResource {
            switch self {
            case .created(let resource), .replaced(let resource, _), .unchanged(let resource): resource
            }
        }

        /// "created", "replaced", "unchanged (the WEB-API held it already)", for the log.
        package var summary: String {
            switch self {
            case .created: "created"
            case .replaced: "replaced"
            case .unchanged: "unchanged: the WEB-API held it already"
            }
        }
    }

    /// Makes `bodies` the day's resources (`topology/groups` with
    /// `topology/endpoints`, or `downtimes`): all of them new, or all as before.
    @discardableResult
    func replaceDay(_ bodies: [(WebAPIResource, [JSONValue])], date: RunDate) throws -> [Change] {
        var done: [Change] = []
        for (resource, records) in bodies {
            do {
                done.append(try replace(resource, records: records, date: date))
            } catch let failure as StepFailure {
                var undo = done
                if let previous = failure.deletedDay { undo.append(.replaced(resource, previous: previous)) }
                throw OutputError(client.displayBase, failure.message + "; " + restore(undo.reversed(), date: date, all: bodies.map(\.0)))
            }
        }
        return done
    }

    /// A step that failed, and the day's data if it was already deleted.
    private struct StepFailure: Error {
        let message: String
        let deletedDay: [JSONValue]?
    }

    private func replace(_ resource: WebAPIResource, records: [JSONValue], date: RunDate) throws -> Change {
        do {
            try client.post(resource, records, date: date)
            return .created(resource)
        } catch let error as FeedError where error.kind == .status(409) {
            // The day holds data: read it, to compare and to keep it before it is deleted.
        } catch {
            throw StepFailure(message: WebAPIClient.describe(error, doing: "POST \(resource.rawValue)"), deletedDay: nil)
        }
        let previous: [JSONValue]
        do {
            previous = try client.day(resource, date: date).records.map(resource.postable)
        } catch {
            throw StepFailure(message: WebAPIClient.describe(error, doing: "GET \(resource.rawValue) (to keep it before replacing it)"), deletedDay: nil)
        }
        if WebAPIRecordForm.sameRecords(previous, records) { return .unchanged(resource) }
        do {
            try client.delete(resource, date: date)
        } catch {
            // A DELETE that failed may still have deleted: put the day back to be sure.
            throw StepFailure(message: WebAPIClient.describe(error, doing: "DELETE \(resource.rawValue)"), deletedDay: previous)
        }
        do {
            try client.post(resource, records, date: date)
        } catch {
            throw StepFailure(message: WebAPIClient.describe(error, doing: "POST \(resource.rawValue)"), deletedDay: previous)
        }
        return .replaced(resource, previous: previous)
    }

    /// Undoes `changes` (latest first); says what the WEB-API holds for the day after.
    private func restore(_ changes: [Change], date: RunDate, all: [WebAPIResource]) -> String {
        let names = all.map(\.rawValue).joined(separator: " and ")
        var problems: [String] = []
        var undone = 0
        for change in changes {
            do {
                switch change {
                case .created(let resource):
                    try restoring.delete(resource, date: date)
                case .replaced(let resource, let previous):
                    _ = try? restoring.delete(resource, date: date)
                    if !previous.isEmpty { try restoring.post(resource, previous, date: date) }
                case .unchanged:
                    continue
                }
                undone += 1
            } catch {
                problems.append(WebAPIClient.describe(error, doing: "putting back \(change.resource.rawValue)"))
            }
        }
        guard problems.isEmpty else {
            return "the WEB-API's \(names) of \(date) may be incomplete or mixed: \(problems.joined(separator: "; ")); run again to replace the day"
        }
        return undone == 0 ? "the WEB-API's \(names) of \(date) are unchanged" : "the WEB-API's \(names) of \(date) are back as they were"
    }

    /// Makes `body` the day's weights of report `name`: POST; on 409 (the
    /// name exists, for some day) the report's entry is found and, unless
    /// its version of the day holds these weights already, replaced by PUT
    /// (whole, so a failed PUT leaves the earlier weights).
    @discardableResult
    func replaceWeights(named name: String, date: RunDate, body: JSONValue) throws -> Change {
        do {
            try client.postWeights(body, date: date)
            return .created(.weights)
        } catch let error as FeedError where error.kind == .status(409) {
            // The report exists: replace its version of the day.
        } catch {
            throw OutputError(client.displayBase, WebAPIClient.describe(error, doing: "POST weights") + "; the WEB-API's weights of \(name) for \(date) are unchanged")
        }
        do {
            // Listed as of the day; a report first written after it is listed as of today.
            var entries = try client.weights(date: date).filter { $0.name == name }
            if entries.isEmpty { entries = try client.weights(date: nil).filter { $0.name == name } }
            guard entries.count == 1, let entry = entries.first else {
                throw OutputError(client.displayBase, "WEB-API answered 409 for weights \(name) but lists \(entries.isEmpty ? "no" : "\(entries.count)") entries of that name; nothing sent")
            }
            if entry.date == date.description && Self.sameWeights(entry.entry, body) { return .unchanged(.weights) }
            try client.putWeights(id: entry.id, body, date: date)
            return .replaced(.weights, previous: [])
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(client.displayBase, WebAPIClient.describe(error, doing: "PUT weights") + "; the WEB-API keeps the earlier weights of \(name)")
        }
    }

    /// Same weight type, group type and groups (as multisets, values as numbers: `3` is `3.0`).
    static func sameWeights(_ held: JSONValue, _ body: JSONValue) -> Bool {
        func groups(_ value: JSONValue) -> [String]? {
            value["groups"]?.arrayValue?.map { group in
                let number: Double? = switch group["value"] {
                case .number(let text)?, .string(let text)?: Double(text)
                default: nil
                }
                return "\(group["name"]?.stringValue ?? "")\u{0}\(number.map { "\($0)" } ?? "?")"
            }.sorted()
        }
        return held["weight_type"] == body["weight_type"] && held["group_type"] == body["group_type"]
            && groups(held) != nil && groups(held) == groups(body)
    }
}
