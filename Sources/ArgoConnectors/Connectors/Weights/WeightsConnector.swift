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
        // The body is let go before the records are made and sorted.
        let (weights, warnings) = try FeedError.reading(RedactedURL.display(feed)) { try Self.weights(from: try http.fetch(HTTPRequest(url: feed))) }
        for warning in warnings { logger.warning("\(RedactedURL.display(feed)): \(warning)") }
        return Self.records(weights)
    }

    /// A weight as written, unless it is a number too large for any
    /// arithmetic (`1e999999`), which would reach ARGO as infinity.
    static func finite(_ literal: String, at path: String) throws -> String {
        if let value = Double(literal.trimmingWhitespace()), !value.isFinite {
            throw FormatError(.jsonShape, "\(literal.prefix(40)) is not a finite number", at: path)
        }
        return literal
    }

    /// `[{"ngi": N, "site": [{"id": S, "ComputationPower": V}, ...]}, ...]` → the
    /// weight of each site, plus warnings for missing values and repeated sites.
    /// Sites are read one at a time as the parser completes them, never as
    /// a tree of the whole document (a feed of hundreds of thousands of sites
    /// costs the body and the weights, not ten times the body).
    static func weights(from body: [UInt8]) throws -> ([String: String], [String]) {
        var weights: [String: String] = [:]
        var warnings: [String] = []
        // An NGI's sites, until its object ends and its name is known.
        var sitesOfNGI: [(site: String, weight: String?)] = []
        let sites: [JSONPathStep] = [.anyElement, .member("site"), .anyElement]
        let document = try JSONParser.parse(body, handingOver: [sites, [.anyElement]]) { pattern, value, indices in
            let path = "[\(indices[0])]"
            if pattern == 0 {
                sitesOfNGI.append(try site(value, at: "\(path).site[\(indices[1])]"))
                return
            }
            let ngi = try FieldLimit.checked(try value.string("ngi", at: path), at: "\(path).ngi")
            _ = try value.member("site", at: path).array(at: "\(path).site")
            for (site, weight) in sitesOfNGI {
                if weight == nil { warnings.append("NGI \(ngi) site \(site) has no ComputationPower; weight 0") }
                if let previous = weights[site] {
                    warnings.append("site \(site) is listed more than once (NGI \(ngi)); keeping \(weight ?? "0"), not \(previous)")
                }
                weights[site] = weight ?? "0"
            }
            sitesOfNGI.removeAll(keepingCapacity: true)
        }
        _ = try document.array(at: "")
        return (weights, warnings)
    }

    /// Records sorted by site.
    static func records(_ weights: [String: String]) -> [WeightRecord] {
        weights.map { WeightRecord(site: $0.key, weight: $0.value) }.sorted { ByteOrder.less($0.site, $1.site) }
    }

    /// One site's id and weight (nil when it has none).
    private static func site(_ entry: JSONValue, at path: String) throws -> (site: String, weight: String?) {
        let site = try FieldLimit.checked(try entry.string("id", at: path), at: "\(path).id")
        let weightPath = "\(path).ComputationPower"
        switch entry["ComputationPower"] {
        case .number(let literal)?: return (site, try finite(literal, at: weightPath))
        case .string(let text)?: return (site, try finite(FieldLimit.checked(text, at: weightPath), at: weightPath))
        case nil, .null?: return (site, nil)
        case let other?: throw FormatError.expected("a number or string", at: weightPath, found: other)
        }
    }

    package func produce(_ data: [WeightRecord], for target: JobTarget) throws -> JobProduct {
        JobProduct(recordSets: [RecordSet(data)],
                   summary: "Fetched Sites:\(data.count) weights")
    }
}
