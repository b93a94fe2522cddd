/// A downtime clipped to the run's day.
package struct DowntimeRecord: OutputRecord, Equatable, Hashable {
    var hostname: String
    var service: String
    var startTime: String
    var endTime: String

    package init(hostname: String, service: String, startTime: String, endTime: String) {
        self.hostname = hostname
        self.service = service
        self.startTime = startTime
        self.endTime = endTime
    }

    package static let kind = OutputKind.downtimes
    package static let fields: [OutputField<Self>] = [
        .string("hostname") { $0.hostname }, .string("service") { $0.service },
        .string("start_time") { $0.startTime }, .string("end_time") { $0.endTime },
    ]

    package static func ordered(_ a: Self, _ b: Self) -> Bool {
        ByteOrder.less([a.hostname, a.service, a.startTime, a.endTime], [b.hostname, b.service, b.startTime, b.endTime])
    }
}
