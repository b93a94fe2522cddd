import ArgoModel
import ArgoSystem
import Synchronization

/// Publishes to the ARGO WEB-API, which keeps one topology and one set of
/// downtimes per tenant (customer) and day, and weights per report (job).
/// Topology and downtimes are gathered over the customer's jobs (their
/// union, without duplicates) and posted when its last job is done;
/// weights are posted per job. Metric profiles are not published: they
/// live in the WEB-API already.
final class WebAPISink: ConfiguredSink {
    package var name: String { "webapi" }
    /// The run's client for feeds (`WebAPIClient` applies the WEB-API's rules to it).
    private let http: any FeedTransport

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

    /// `PublishWebAPI`, for a connector with something the WEB-API takes
    /// (not metric profiles: they live there already).
    package static func make(_ context: SinkContext) -> WebAPISink? {
        guard context.global.publishWebAPI, context.outputs.contains(where: { WebAPIResource($0) != nil }) else { return nil }
        return WebAPISink(http: context.http)
    }

    init(http: any FeedTransport) {
        self.http = http
    }

    package func plan(_ batch: OutputBatch, for target: JobTarget) -> String? {
        guard WebAPIResource(batch.kind) != nil else { return nil }
        return "would post \(batch.count) records to the WEB-API \(WebAPIDestination(target.customer.webAPI)?.base ?? "(settings incomplete)")"
    }

    private func client(_ destination: WebAPIDestination) -> WebAPIClient {
        WebAPIClient(destination, http: http)
    }

    package func deliver(_ batches: [OutputBatch], for target: JobTarget) throws -> [OutputKind: String] {
        try batches.delivered { batch in
            guard let resource = WebAPIResource(batch.kind) else {
                return "not for the WEB-API (metric profiles live there already)"
            }
            guard resource.isPerCustomer else {
                return try postWeights(batch, target)
            }
            let records = (0..<batch.count).map(batch.json)
            gathered.withLock { all in
                var customer = all[target.customer.section] ?? Gathered(destination: WebAPIDestination(target.customer.webAPI),
                                                                          missingOptions: target.customer.webAPI.missingOptions, date: target.date)
                // An empty day is published too: the WEB-API's earlier copy of the day would stand otherwise.
                if customer.records[resource] == nil { customer.records[resource] = [] }
                for record in records { customer.add(record, to: resource) }
                all[target.customer.section] = customer
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

    /// Where each named field stands in a record schema (nil: not there).
    private static func positions(of names: [String], in schema: AvroSchema) -> [Int?] {
        guard case .record(let record) = schema else { return names.map { _ in nil } }
        return names.map { name in record.fields.firstIndex { $0.name == name } }
    }

    private static func incompleteSettings(_ missing: [String]) -> OutputError {
        OutputError("WEB-API", "[WebAPI] settings incomplete (\(missing.joined(separator: ", ")) missing)")
    }

    /// `{"weight_type", "group_type": "SITES", "name": REPORT, "groups": [{"name", "value"}]}`.
    private func postWeights(_ batch: OutputBatch, _ target: JobTarget) throws -> String {
        guard let webAPI = WebAPIDestination(target.customer.webAPI) else {
            throw Self.incompleteSettings(target.customer.webAPI.missingOptions)
        }
        let report = target.job.dirname
        // Site and weight read from each record's Avro value by their schema positions (no JSON on the way).
        let positions = Self.positions(of: ["site", "weight"], in: batch.schema.schema)
        var groups: [JSONValue] = []
        for index in 0..<batch.count {
            let values: [AvroValue]
            if case .record(let fields) = batch.record(index) { values = fields } else { values = [] }
            let text = { (position: Int?) -> String in
                guard let position, position < values.count, case .string(let text) = values[position] else { return "" }
                return text
            }
            let site = text(positions[0]), weight = text(positions[1])
            guard case .number? = try? JSONParser.parse(Array(weight.utf8)) else {
                throw OutputError(webAPI.base, "weight of site \(site) is '\(weight)', not a number: the WEB-API takes numbers")
            }
            groups.append(.object([("name", .string(site)), ("value", .number(weight))]))
        }
        let body = JSONValue.object([("weight_type", .string(WeightRecord.weightType)), ("group_type", .string("SITES")),
                                     ("name", .string(report)), ("groups", .array(groups))])
        let change = try WebAPIPublisher(client: client(webAPI)).replaceWeights(named: report, date: target.date, body: body)
        return "\(batch.count) weights → WEB-API weights \(report) of \(target.date) (\(change.summary))"
    }
}
