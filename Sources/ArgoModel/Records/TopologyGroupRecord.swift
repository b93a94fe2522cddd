/// A `group_groups` record: a Site in its NGI, or a service group in its project.
public struct TopologyGroupRecord: OutputRecord, Equatable {
    public var type: String
    public var group: String
    public var subgroup: String
    public var tags: [(String, String)]

    public init(type: String, group: String, subgroup: String, tags: [(String, String)]) {
        self.type = type
        self.group = group
        self.subgroup = subgroup
        self.tags = tags
    }

    public static let kind = OutputKind.groupOfGroups
    public static let fields: [OutputField<Self>] = [
        .string("type") { $0.type }, .string("group") { $0.group }, .string("subgroup") { $0.subgroup }, .tags("tags") { $0.tags },
    ]

    public static func == (a: Self, b: Self) -> Bool {
        a.type == b.type && a.group == b.group && a.subgroup == b.subgroup && a.tags.elementsEqual(b.tags, by: ==)
    }

    /// Output order: group, subgroup, then scope tag, in byte order.
    public static func ordered(_ a: Self, _ b: Self) -> Bool {
        ByteOrder.less([a.group, a.subgroup, a.scopeTag], [b.group, b.subgroup, b.scopeTag])
    }

    public var scopeTag: String { tags.first { $0.0 == "scope" }?.1 ?? "" }
}
