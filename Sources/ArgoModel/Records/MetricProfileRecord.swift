/// One metric of a profile as ARGO wants it.
package struct MetricProfileRecord: OutputRecord, Hashable {
    var profile: String
    var service: String
    var metric: String
    var vo: String

    package init(profile: String, service: String, metric: String, vo: String) {
        self.profile = profile
        self.service = service
        self.metric = metric
        self.vo = vo
    }

    package static let kind = OutputKind.poem
    package static let fields: [OutputField<Self>] = [
        .string("profile") { $0.profile }, .string("service") { $0.service }, .string("metric") { $0.metric },
        .tags("tags") { [("vo", $0.vo)] },
    ]

    package static func ordered(_ a: Self, _ b: Self) -> Bool {
        ByteOrder.less([a.profile, a.service, a.metric, a.vo], [b.profile, b.service, b.metric, b.vo])
    }
}
