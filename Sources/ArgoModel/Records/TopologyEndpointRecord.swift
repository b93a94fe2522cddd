/// A `group_endpoints` record: a service endpoint in its site or service group.
package struct TopologyEndpointRecord: OutputRecord, Equatable {
    package var type: String
    package var group: String
    var service: String
    var hostname: String
    package var tags: [(String, String)]

    package init(type: String, group: String, service: String, hostname: String, tags: [(String, String)]) {
        self.type = type
        self.group = group
        self.service = service
        self.hostname = hostname
        self.tags = tags
    }

    package static let kind = OutputKind.groupOfEndpoints
    package static let fields: [OutputField<Self>] = [
        .string("type") { $0.type }, .string("group") { $0.group }, .string("service") { $0.service },
        .string("hostname") { $0.hostname }, .tags("tags") { $0.tags },
    ]

    /// Spelled out: a night writes a hundred thousand of these, and the
    /// closures of `fields` cost a third of the writing. Same order as
    /// `fields` (OutputRecordTests holds them equal).
    package var avroFields: [AvroValue] {
        [.string(type), .string(group), .string(service), .string(hostname), .stringMap(tags)]
    }

    package static func == (a: Self, b: Self) -> Bool {
        a.type == b.type && a.group == b.group && a.service == b.service && a.hostname == b.hostname
            && a.tags.elementsEqual(b.tags, by: ==)
    }
}
