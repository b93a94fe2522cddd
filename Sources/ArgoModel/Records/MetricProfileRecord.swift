/// One metric of a profile as ARGO wants it.
public struct MetricProfileRecord: OutputRecord, Hashable {
    public var profile: String
    public var service: String
    public var metric: String
    public var vo: String

    public init(profile: String, service: String, metric: String, vo: String) {
        self.profile = profile
        self.service = service
        self.metric = metric
        self.vo = vo
    }

    public static let kind = OutputKind.poem
    public static let fields: [OutputField<Self>] = [
        .string("profile") { $0.profile }, .string("service") { $0.service }, .string("metric") { $0.metric },
        .tags("tags") { [("vo", $0.vo)] },
    ]

    public static func ordered(_ a: Self, _ b: Self) -> Bool {
        ByteOrder.less([a.profile, a.service, a.metric, a.vo], [b.profile, b.service, b.metric, b.vo])
    }
}
