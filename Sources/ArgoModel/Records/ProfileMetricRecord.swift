/// One metric of a profile as argo-connectors 2.3.1 writes it in
/// `poem_sync_DATE.json`: `{"profile", "metric", "service"}`, in that order.
package struct ProfileMetricRecord: OutputRecord, Hashable {
    var profile: String
    var metric: String
    var service: String

    package init(profile: String, metric: String, service: String) {
        self.profile = profile
        self.metric = metric
        self.service = service
    }

    package static let kind = OutputKind.poem
    package static let fields: [OutputField<Self>] = [
        .string("profile") { $0.profile }, .string("metric") { $0.metric }, .string("service") { $0.service },
    ]
}
