import ArgoModel
import ArgoSystem
import Logging

/// VAPOR site weights → `Weights`. Every job on a feed gets the same records.
package struct WeightsConnector: Connector {
    package static let defaultFeed = "https://operations-portal.egi.eu/vapor/downloadLavoisier/option/json/view/VAPOR_Ngi_Sites_Info"
    package static let descriptor = ConnectorDescriptor(
        data: .weights, source: .vapor, scriptNames: ["weights-vapor-connector.py"],
        summary: "fetch VAPOR site weights (ComputationPower)",
        details: "Writes Weights for every job; jobs on the same WeightsFeed share one fetch.",
        jobOptions: ["WeightsFeed"])
    private let http: HTTPClient
    private let logger: Logger

    package init(http: HTTPClient, logger: Logger) {
        self.http = http
        self.logger = logger
    }

    package init(context: ConnectorContext) {
        self.init(http: context.http, logger: context.logger)
    }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> String? {
        job.weightsFeed ?? Self.defaultFeed
    }

    package func describe(_ feed: String) -> String { RedactedURL.display(feed) }

    package func fetch(_ feed: String) throws -> [WeightRecord] {
        let body = try http.fetch(HTTPRequest(url: feed))
        let (records, warnings) = try FeedError.reading(RedactedURL.display(feed)) { try Self.records(from: JSONParser.parse(body)) }
        for warning in warnings { logger.warning("\(RedactedURL.display(feed)): \(warning)") }
        return records
    }

    /// A weight as written, unless it is a number too large for any
    /// arithmetic (`1e999999`), which would reach ARGO as infinity.
    static func finite(_ literal: String, at path: String) throws -> String {
        if let value = Double(literal.trimmingWhitespace()), !value.isFinite {
            throw FormatError(.jsonShape, "\(literal.prefix(40)) is not a finite number", at: path)
        }
        return literal
    }

    /// `[{"ngi": N, "site": [{"id": S, "ComputationPower": V}, ...]}, ...]` → records
    /// sorted by site, plus warnings for missing values and repeated sites.
    static func records(from document: JSONValue) throws -> ([WeightRecord], [String]) {
        var weights: [String: String] = [:]
        var warnings: [String] = []
        for (ngiIndex, ngiEntry) in try document.array(at: "").enumerated() {
            let path = "[\(ngiIndex)]"
            let ngi = try FieldLimit.checked(try ngiEntry.string("ngi", at: path), at: "\(path).ngi")
            for (siteIndex, siteEntry) in try ngiEntry.member("site", at: path).array(at: "\(path).site").enumerated() {
                let sitePath = "\(path).site[\(siteIndex)]"
                let site = try FieldLimit.checked(try siteEntry.string("id", at: sitePath), at: "\(sitePath).id")
                let weight: String
                switch siteEntry["ComputationPower"] {
                case .number(let literal)?: weight = try Self.finite(literal, at: "\(sitePath).ComputationPower")
                case .string(let text)?: weight = try Self.finite(FieldLimit.checked(text, at: "\(sitePath).ComputationPower"),
                                                                  at: "\(sitePath).ComputationPower")
                case nil, .null?:
                    weight = "0"
                    warnings.append("NGI \(ngi) site \(site) has no ComputationPower; weight 0")
                case let other?:
                    throw FormatError.expected("a number or string", at: "\(sitePath).ComputationPower", found: other)
                }
                if let previous = weights[site] {
                    warnings.append("site \(site) is listed more than once (NGI \(ngi)); keeping \(weight), not \(previous)")
                }
                weights[site] = weight
            }
        }
        let records = weights.map { WeightRecord(site: $0.key, weight: $0.value) }.sorted { ByteOrder.less($0.site, $1.site) }
        return (records, warnings)
    }

    package func produce(_ data: [WeightRecord], for target: JobTarget) throws -> JobProduct {
        JobProduct(recordSets: [RecordSet(data)],
                   summary: "Fetched Sites:\(data.count) weights")
    }
}
