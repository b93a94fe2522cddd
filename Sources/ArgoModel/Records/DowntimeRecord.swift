/// A downtime clipped to the run's day.
public struct DowntimeRecord: OutputRecord, Equatable, Hashable {
    public var hostname: String
    public var service: String
    public var startTime: String
    public var endTime: String

    public init(hostname: String, service: String, startTime: String, endTime: String) {
        self.hostname = hostname
        self.service = service
        self.startTime = startTime
        self.endTime = endTime
    }

    public static let kind = OutputKind.downtimes
    public static let fields: [OutputField<Self>] = [
        .string("hostname") { $0.hostname }, .string("service") { $0.service },
        .string("start_time") { $0.startTime }, .string("end_time") { $0.endTime },
    ]

    public static func ordered(_ a: Self, _ b: Self) -> Bool {
        ByteOrder.less([a.hostname, a.service, a.startTime, a.endTime], [b.hostname, b.service, b.startTime, b.endTime])
    }
}
