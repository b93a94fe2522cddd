import ArgoModel
import ArgoSystem
import Synchronization

/// Publishes to the ARGO WEB-API, which keeps one topology and one set of
/// downtimes per tenant (customer) and day, and weights per report (job).
/// Topology and downtimes are gathered over the customer's jobs (their
/// union, without duplicates) and posted when its last job is done;
/// weights are posted per job. Metric profiles are not published: they
/// live in the WEB-API already.
package final class WebAPISink: Sink {
    package var name: String { "webapi" }
    /// The run's client for feeds (`WebAPIClient` applies the WEB-API's rules to it).
    private let http: HTTPClient

    /// What a customer's jobs gave so far, per resource, in order and without duplicates.
    private struct Gathered {
        var destination: WebAPIDestination?
        var missingOptions: [String] = []
        var date: RunDate
        var records: [WebAPIResource: [JSONValue]] = [:]
        var seen: [WebAPIResource: Set<String>] = [:]

        mutating func add(_ record: JSONValue, to resource: WebAPIResource) {
            if seen[resource, default: []].insert(JSONWriter.serialize(record)).inserted { records[resource, default: []].append(record) }
        }
    }

    private let gathered = Mutex<[String: Gathered]>([:])

    package init(http: HTTPClient) {
        self.http = http
    }

    private func client(_ destination: WebAPIDestination) -> WebAPIClient {
        WebAPIClient(destination, http: http)
    }

    package func deliver(_ batches: [OutputBatch], to destination: JobDestination) throws -> [OutputKind: String] {
        try batches.delivered { batch in
            guard let resource = WebAPIResource(batch.kind) else {
                return "not for the WEB-API (metric profiles live there already)"
            }
            guard resource.isPerCustomer else {
                return try postWeights(batch, destination)
            }
            let records = (0..<batch.count).map(batch.json)
            gathered.withLock { all in
                var customer = all[destination.customer] ?? Gathered(destination: destination.webAPI,
                                                                       missingOptions: destination.webAPIMissingOptions, date: destination.date)
                // An empty day is published too: the WEB-API's earlier copy of the day would stand otherwise.
                if customer.records[resource] == nil { customer.records[resource] = [] }
                for record in records { customer.add(record, to: resource) }
                all[destination.customer] = customer
            }
            return "\(batch.count) records gathered for the customer's WEB-API \(resource.rawValue)"
        }
    }

    package func finishCustomer(_ customer: String, complete: Bool) throws -> [String] {
        guard let gathered = gathered.withLock({ $0.removeValue(forKey: customer) }) else { return [] }
        guard complete else {
            throw OutputError(gathered.destination?.base ?? "WEB-API", "nothing posted: a job of the customer failed, and the WEB-API takes the customer's whole topology and downtimes")
        }
        guard let destination = gathered.destination else {
            throw Self.incompleteSettings(gathered.missingOptions)
        }
        // Groups before endpoints, and both as one unit (WebAPIPublisher.replaceDay).
        let resources = WebAPIResource.allCases.filter { gathered.records[$0] != nil }
        let bodies = resources.map { ($0, gathered.records[$0] ?? []) }
        let changes = try WebAPIPublisher(client: client(destination)).replaceDay(bodies, date: gathered.date)
        return zip(bodies, changes).map { body, change in
            "\(body.1.count) records → WEB-API \(body.0.rawValue) of \(gathered.date) (\(change.summary))"
        }
    }

    private static func incompleteSettings(_ missing: [String]) -> OutputError {
        OutputError("WEB-API", "[WebAPI] settings incomplete (\(missing.joined(separator: ", ")) missing)")
    }

    /// `{"weight_type", "group_type": "SITES", "name": REPORT, "groups": [{"name", "value"}]}`.
    private func postWeights(_ batch: OutputBatch, _ destination: JobDestination) throws -> String {
        guard let webAPI = destination.webAPI else {
            throw Self.incompleteSettings(destination.webAPIMissingOptions)
        }
        var groups: [JSONValue] = []
        for index in 0..<batch.count {
            let record = AvroJSONRenderer.json(batch.record(index), schema: batch.schema.schema)
            let site = record["site"]?.stringValue ?? "", weight = record["weight"]?.stringValue ?? ""
            guard case .number? = try? JSONParser.parse(Array(weight.utf8)) else {
                throw OutputError(webAPI.base, "weight of site \(site) is '\(weight)', not a number: the WEB-API takes numbers")
            }
            groups.append(.object([("name", .string(site)), ("value", .number(weight))]))
        }
        let body = JSONValue.object([("weight_type", .string(WeightRecord.weightType)), ("group_type", .string("SITES")),
                                     ("name", .string(destination.report)), ("groups", .array(groups))])
        let change = try WebAPIPublisher(client: client(webAPI)).replaceWeights(named: destination.report, date: destination.date, body: body)
        return "\(batch.count) weights → WEB-API weights \(destination.report) of \(destination.date) (\(change.summary))"
    }
}
