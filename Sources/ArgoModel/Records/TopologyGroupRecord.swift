/// A `group_groups` record: a Site in its NGI, or a service group in its project.
package struct TopologyGroupRecord: OutputRecord, Equatable {
    package var type: String
    package var group: String
    package var subgroup: String
    package var tags: [(String, String)]

    package init(type: String, group: String, subgroup: String, tags: [(String, String)]) {
        self.type = type
        self.group = group
        self.subgroup = subgroup
        self.tags = tags
    }

    package static let kind = OutputKind.groupOfGroups
    package static let fields: [OutputField<Self>] = [
        .string("type") { $0.type }, .string("group") { $0.group }, .string("subgroup") { $0.subgroup }, .tags("tags") { $0.tags },
    ]

    package static func == (a: Self, b: Self) -> Bool {
        a.type == b.type && a.group == b.group && a.subgroup == b.subgroup && a.tags.elementsEqual(b.tags, by: ==)
    }

    /// Output order: group, subgroup, then scope tag, in byte order.
    package static func ordered(_ a: Self, _ b: Self) -> Bool {
        ByteOrder.less([a.group, a.subgroup, a.scopeTag], [b.group, b.subgroup, b.scopeTag])
    }

    var scopeTag: String { tags.first { $0.0 == "scope" }?.1 ?? "" }
}
