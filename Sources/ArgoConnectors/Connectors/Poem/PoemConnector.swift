import ArgoModel
import ArgoSystem

/// POEM metric profiles → `Poem`. A job fails as a whole when any of its
/// profiles cannot be had: a partial profile would silently change
/// availability results.
package struct PoemConnector: Connector {
    package static let descriptor = ConnectorDescriptor(
        data: .metricProfiles, source: .poem, scriptNames: ["poem-connector.py"],
        summary: "fetch POEM metric profiles",
        details: "Writes Poem for every job with Profiles. A job any of whose profiles is missing,\nrefused, of another VO or malformed fails and writes nothing.",
        options: [.poemNamespace, .poemServerHost, .poemServerVO], rules: [.poemWithProfiles])
    private let http: any FeedTransport
    /// Profiles of this run, shared by jobs asking the same server and profile.
    private let fetched = OnceCache<String, Result<PoemProfile, Error>>()

    init(http: any FeedTransport) {
        self.http = http
    }

    package init(context: ConnectorContext) {
        self.init(http: context.http)
    }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> PoemFeed? {
        guard !job.profiles.isEmpty, let host = job.options.text(.poemServerHost) else { return nil }
        return PoemFeed(server: BaseURL.normalized(host), token: customer.authentication.poemToken, profiles: job.profiles)
    }

    static func profileURL(server: String, profile: String) -> String {
        let escaped = BaseURL.pathSegment(profile)
        return BaseURL.isFile(server) ? "\(server)/\(escaped).json" : "\(server)/poem/api/v2/profiles/\(escaped)"
    }

    package func describe(_ feed: PoemFeed) -> String { RedactedURL.display(feed.server) }

    /// Each profile's outcome; failures are judged per job in `produce`.
    package func fetch(_ feed: PoemFeed) throws -> [String: Result<PoemProfile, Error>] {
        var outcomes: [String: Result<PoemProfile, Error>] = [:]
        for profile in feed.profiles {
            let url = Self.profileURL(server: feed.server, profile: profile)
            let key = "\(url)\n\(feed.token ?? "")"
            outcomes[profile] = fetched.value(for: key) { Result { try fetchProfile(url: url, token: feed.token) } }
        }
        return outcomes
    }

    private func fetchProfile(url: String, token: String?) throws -> PoemProfile {
        var request = HTTPRequest(url: url)
        if let token { request.headers.append("x-api-key: \(token)") }
        let body = try http.fetch(request)
        return try FeedError.reading(request.displayURL) { try Self.profile(from: JSONParser.parse(body)) }
    }

    static func profile(from document: JSONValue) throws -> PoemProfile {
        let metrics = try document.member("metric_instances", at: "").array(at: "metric_instances").enumerated().map { index, item in
            (service: try item.string("service_flavour", at: "metric_instances[\(index)]"),
             metric: try item.string("metric", at: "metric_instances[\(index)]"))
        }
        return PoemProfile(name: try document.string("name", at: ""), vo: try document.string("vo", at: ""), metrics: metrics)
    }

    package func produce(_ data: [String: Result<PoemProfile, Error>], for target: JobTarget) throws -> JobProduct {
        let job = target.job
        let (servedVOs, namespace) = (job.options.list(.poemServerVO), job.options.text(.poemNamespace) ?? "")
        var problems: [String] = []
        var records = Set<MetricProfileRecord>()
        for name in job.profiles {
            switch data[name] {
            case .success(let profile)?:
                if profile.name != name {
                    problems.append("\(name) (POEM answered with profile \(profile.name))")
                } else if profile.metrics.isEmpty {
                    problems.append("\(name) (POEM answered it without any metric)")
                } else if !servedVOs.contains(profile.vo) {
                    problems.append("\(name) (its VO \(profile.vo) is not among PoemServerVO \(servedVOs.joined(separator: ", ")))")
                } else {
                    let qualified = "\(namespace).\(profile.name)"
                    for metric in profile.metrics {
                        records.insert(MetricProfileRecord(profile: qualified, service: metric.service, metric: metric.metric, vo: profile.vo))
                    }
                }
            case .failure(let error)?: problems.append("\(name) (\(error))")
            case nil: problems.append("\(name) (not fetched)")
            }
        }
        if !problems.isEmpty {
            throw OutputError(OutputKind.poem.rawValue, "nothing written: profiles not available: \(problems.joined(separator: "; "))")
        }
        let sorted = records.sorted(by: MetricProfileRecord.ordered)
        return JobProduct(recordSets: [RecordSet(sorted)],
                          summary: "Fetched Profiles:\(job.profiles.count) Metrics:\(sorted.count)")
    }
}

extension SourceOption {
    package static let poemNamespace = SourceOption("PoemNamespace", at: .job, [.egi17], stops: .metricProfiles)
    /// A host alone means https.
    package static let poemServerHost = SourceOption("PoemServerHost", at: .job, [.egi17], address: .host([.metricProfiles]), stops: .metricProfiles)
    package static let poemServerVO = SourceOption("PoemServerVO", at: .job, [.egi17], kind: .list, stops: .metricProfiles)
}

extension SourceRule {
    /// A job with Profiles says where and how to read them.
    static let poemWithProfiles = SourceRule(.job, stops: .metricProfiles) { context in
        guard !context.profiles.isEmpty else { return }
        let missing = [SourceOption.poemNamespace, .poemServerHost, .poemServerVO].filter { !context.settings.gives($0) }
        guard !missing.isEmpty else { return }
        context.error(context.line(CoreOption.Job.profiles), "Profiles needs \(missing.map(\.name).joined(separator: ", ")) too")
    }
}
