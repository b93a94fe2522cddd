/// A `group_groups` record: a Site in its NGI, or a service group in its project.
public struct TopologyGroupRecord: Equatable {
    public var type: String
    public var group: String
    public var subgroup: String
    public var tags: [(String, String)]

    static let fieldNames = ["type", "group", "subgroup", "tags"]
    var avroFields: [AvroValue] { [.string(type), .string(group), .string(subgroup), .stringMap(tags)] }

    public static func == (a: Self, b: Self) -> Bool {
        a.type == b.type && a.group == b.group && a.subgroup == b.subgroup && a.tags.elementsEqual(b.tags, by: ==)
    }

    static func ordered(_ a: Self, _ b: Self) -> Bool {
        ByteOrder.less([a.group, a.subgroup, scopeTag(a.tags)], [b.group, b.subgroup, scopeTag(b.tags)])
    }
}

private func scopeTag(_ tags: [(String, String)]) -> String {
    tags.first { $0.0 == "scope" }?.1 ?? ""
}

/// GOCDB's Y/N and True/False flags as the "1"/"0" tag values ARGO expects.
func binaryFlag(_ value: String?) -> String {
    switch value?.lowercased() {
    case "y", "true": return "1"
    default: return "0"
    }
}
