import ArgoModel
import ArgoSystem
import Logging

/// VAPOR site weights → `Weights`, for both generations: a 1.7 job's
/// `WeightsFeed` (records sorted by site), a 2.3.1 tenant's `Vaporpi`
/// (`weights-vapor-connector.py`: records in the feed's order, each weight a
/// string or a number as the feed wrote it; `WeightsEmpty` fetches nothing
/// and delivers no weights). Every job on a feed gets the same records.
package struct WeightsConnector: Connector {
    static let defaultFeed = "https://operations-portal.egi.eu/vapor/downloadLavoisier/option/json/view/VAPOR_Ngi_Sites_Info"
    package static let descriptor = ConnectorDescriptor(
        data: .weights, source: .vapor, scriptNames: ["weights-vapor-connector.py"],
        summary: "fetch VAPOR site weights (ComputationPower)",
        details: "Writes Weights for every job; jobs on the same feed (WeightsFeed, or a 2.3.1 tenant's Vaporpi)\nshare one fetch.",
        generations: [.egi17, .argo231], options: [.weightsFeed, .vaporpi, .weightsEmpty])
    private let http: any FeedTransport
    private let logger: Logger

    /// A VAPOR document, or none (`WeightsEmpty`).
    package struct Feed: Hashable, Sendable {
        let url: String?
    }

    /// A site's weight as the feed wrote it, and whether it was a number.
    package typealias Weight = (literal: String, isNumber: Bool)
    /// A site without a weight weighs "0", the text 2.3.1 and 1.7 both wrote.
    static let noWeight: Weight = ("0", false)

    /// The sites in the feed's order, each once with its last weight (and its NGI's index).
    package typealias Sites = [(site: String, weight: Weight, ngi: Int32)]

    /// The sites as the document lists them (repeats included), each with
    /// its NGI's index in `ngis`: a plain array while the document is read,
    /// folded into `Sites` once the document is let go (a table built
    /// during the read cost a fifth more than the document at its peak).
    struct ListedSites {
        var sites: Sites = []
        var ngis: [String] = []
        var warnings: [String] = []
    }

    init(http: any FeedTransport, logger: Logger) {
        self.http = http
        self.logger = logger
    }

    package init(context: ConnectorContext) {
        self.init(http: context.http, logger: context.logger)
    }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> Feed? {
        guard let tenant = customer.tenant else { return Feed(url: job.options.text(.weightsFeed) ?? Self.defaultFeed) }
        // A tenant without Vaporpi (nor WeightsEmpty) has no weights to deliver.
        if tenant.options.flag(.weightsEmpty) { return Feed(url: nil) }
        return tenant.options.text(.vaporpi).map { Feed(url: $0) }
    }

    package func describe(_ feed: Feed) -> String { feed.url.map(RedactedURL.display) ?? "no VAPOR feed (WeightsEmpty)" }

    package func fetch(_ feed: Feed) throws -> Sites {
        guard let url = feed.url else { return [] }
        // The body is let go before the sites are folded and the records made.
        let listed = try FeedError.reading(RedactedURL.display(url)) { try Self.listedSites(from: try http.fetch(HTTPRequest(url: url))) }
        let (sites, warnings) = Self.folded(listed)
        for warning in warnings { logger.warning("\(RedactedURL.display(url)): \(warning)") }
        return sites
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
    static func sites(from body: [UInt8]) throws -> (Sites, [String]) {
        folded(try listedSites(from: body))
    }

    /// The document's sites, read one at a time as the parser completes
    /// them, never as a tree of the whole document (a feed of hundreds of
    /// thousands of sites costs the body and the sites, not ten times the body).
    static func listedSites(from body: [UInt8]) throws -> ListedSites {
        var listed = ListedSites()
        // An NGI's sites, until its object ends and its name is known.
        var sitesOfNGI: [(site: String, weight: Weight?)] = []
        let sitePath: [JSONPathStep] = [.anyElement, .member("site"), .anyElement]
        let document = try JSONParser.parse(body, handingOver: [sitePath, [.anyElement]]) { pattern, value, indices in
            let path = "[\(indices[0])]"
            if pattern == 0 {
                sitesOfNGI.append(try site(value, at: "\(path).site[\(indices[1])]"))
                return
            }
            let ngi = try value.string("ngi", at: path)
            _ = try value.member("site", at: path).array(at: "\(path).site")
            listed.ngis.append(ngi)
            for (site, weight) in sitesOfNGI {
                if weight == nil { listed.warnings.append("NGI \(ngi) site \(site) has no ComputationPower; weight 0") }
                listed.sites.append((site, weight ?? noWeight, Int32(listed.ngis.count - 1)))
            }
            sitesOfNGI.removeAll(keepingCapacity: true)
        }
        _ = try document.array(at: "")
        return listed
    }

    /// Each site once, at its first place, with its last weight; a warning per repeat.
    static func folded(_ listed: ListedSites) -> (Sites, [String]) {
        var warnings = listed.warnings
        let kept = listed.sites.keepingLastInFirstPlace(by: \.site) { earlier, later in
            warnings.append("site \(later.site) is listed more than once (NGI \(listed.ngis[Int(later.ngi)])); keeping \(later.weight.literal), not \(earlier.weight.literal)")
        }
        return (kept, warnings)
    }

    /// One site's id and weight (nil when it has none).
    private static func site(_ entry: JSONValue, at path: String) throws -> (site: String, weight: Weight?) {
        let site = try entry.string("id", at: path)
        let weightPath = "\(path).ComputationPower"
        switch entry["ComputationPower"] {
        case .number(let literal)?: return (site, (try finite(literal, at: weightPath), true))
        case .string(let text)?: return (site, (try finite(FieldLimit.checked(text, at: weightPath), at: weightPath), false))
        case nil, .null?: return (site, nil)
        case let other?: throw FormatError.expected("a number or string", at: weightPath, found: other)
        }
    }

    package func produce(_ data: Sites, for target: JobTarget) throws -> JobProduct {
        let summary = "Fetched Sites:\(data.count) weights"
        guard target.customer.tenant != nil else {
            let records = data.sorted { ByteOrder.less($0.site, $1.site) }.map { WeightRecord(site: $0.site, weight: $0.weight.literal) }
            return JobProduct(recordSets: [RecordSet(records)], summary: summary)
        }
        let records = data.map { WeightRecord(site: $0.site, weight: $0.weight.literal, weightIsNumber: $0.weight.isNumber) }
        return JobProduct(recordSets: [RecordSet(records)], summary: summary)
    }
}

extension SourceOption {
    /// A 1.7 job's VAPOR feed (`WeightsConnector.defaultFeed` when not given).
    package static let weightsFeed = SourceOption("WeightsFeed", at: .job, [.egi17], address: .feed([.weights]), default: WeightsConnector.defaultFeed, stops: .weights)
    /// A 2.3.1 tenant's VAPOR feed.
    package static let vaporpi = SourceOption("Vaporpi", at: .customer, [.argo231], address: .feed([.weights]))
    /// Fetch nothing, write and send an empty day.
    package static let weightsEmpty = SourceOption("WeightsEmpty", at: .customer, [.argo231], kind: .flag, default: "False")
}
