import ArgoModel
import ArgoSystem

/// argo-connectors 2.3.1's `metricprofile-webapi-connector.py`: the
/// tenant's metric profiles as the ARGO WEB-API holds them
/// (`GET /api/v2/metric_profiles`) → `poem_sync_DATE.json` per job, the
/// job's `Profiles` as `{"profile", "metric", "service"}` records.
package struct WebAPIMetricProfilesConnector: Connector {
    package static let descriptor = ConnectorDescriptor(
        data: .metricProfiles, source: .webAPI, scriptNames: ["metricprofile-webapi-connector.py"],
        summary: "fetch the metric profiles of 2.3.1 tenants from the ARGO WEB-API",
        details: "Writes [Output] MetricProfile for every job with Profiles: its profiles' metrics as the\nWEB-API holds them. A job any of whose profiles the WEB-API lacks fails and writes nothing.",
        generations: [.argo231], command: "metric-profiles", stateName: "metricprofile")

    /// The tenant whose profiles are read: jobs of one tenant share one GET.
    package typealias Feed = WebAPIDestination

    /// The WEB-API's profiles by name: each service with its metrics, in the WEB-API's order.
    package typealias Profiles = [String: [(service: String, metrics: [String])]]

    private let http: any FeedTransport

    package init(context: ConnectorContext) {
        http = context.http
    }

    package func feed(for customer: CustomerConfig, job: JobConfig) -> Feed? {
        job.profiles.isEmpty ? nil : WebAPIDestination(customer.webAPI)
    }

    package func describe(_ feed: Feed) -> String { "WEB-API \(RedactedURL.display(feed.base))" }

    package func fetch(_ feed: Feed) throws -> Profiles {
        let data = try WebAPIClient(feed, http: http).list("metric_profiles")
        return try FeedError.reading(RedactedURL.display(feed.url("metric_profiles"))) { try Self.profiles(from: data) }
    }

    /// `data: [{"name", "services": [{"service", "metrics": [...]}]}]` → profiles by name (the last of a name wins).
    static func profiles(from data: [JSONValue]) throws -> Profiles {
        var profiles: Profiles = [:]
        for (index, entry) in data.enumerated() {
            let path = "data[\(index)]"
            let name = try entry.string("name", at: path)
            profiles[name] = try entry.member("services", at: path).array(at: "\(path).services").enumerated().map { serviceIndex, service in
                let servicePath = "\(path).services[\(serviceIndex)]"
                let metrics = try service.member("metrics", at: servicePath).array(at: "\(servicePath).metrics").enumerated().map { metricIndex, metric in
                    try metric.text(at: "\(servicePath).metrics[\(metricIndex)]")
                }
                return (try service.string("service", at: servicePath), metrics)
            }
        }
        return profiles
    }

    package func produce(_ data: Profiles, for target: JobTarget) throws -> JobProduct {
        let missing = target.job.profiles.filter { data[$0] == nil }
        guard missing.isEmpty else {
            // As with POEM, a partial set of profiles would silently change results.
            throw OutputError(OutputKind.poem.rawValue, "nothing written: the WEB-API holds no metric profile \(missing.joined(separator: ", "))")
        }
        var records: [ProfileMetricRecord] = []
        for profile in target.job.profiles {
            for (service, metrics) in data[profile] ?? [] {
                records += metrics.map { ProfileMetricRecord(profile: profile, metric: $0, service: service) }
            }
        }
        return JobProduct(recordSets: [RecordSet(records)],
                          summary: "Fetched Profiles:\(target.job.profiles.joined(separator: ", ")) metrics:\(records.count)")
    }
}
