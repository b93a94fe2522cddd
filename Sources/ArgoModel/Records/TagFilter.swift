/// Matching of `TopoSelect*` criteria against records, case-insensitive,
/// list values meaning "any of". Shared by both topology fetch types.
package struct TagFilter: Sendable {
    /// Criteria keys compared against a record attribute rather than a tag
    /// (e.g. `NGI` → group, `Site` → subgroup).
    let attributeKeys: [TopologyTag: @Sendable (TopologyGroupRecord) -> String]
    /// Criteria on keys that are no tag never match (checks warn about them, and the connectors leave them out).
    private let criteria: [(tag: TopologyTag?, values: Set<String>)]

    package init(_ selection: TagSelection, attributeKeys: [TopologyTag: @Sendable (TopologyGroupRecord) -> String] = [:]) {
        self.attributeKeys = attributeKeys
        criteria = selection.criteria.map { criterion in
            let tag = TopologyTag(rawValue: criterion.key)
            return (tag, Set(criterion.values.map { Self.normalize($0, tag: tag) }))
        }
    }

    /// Y/True/1 mean "1" and N/False/0 mean "0" for the flag tags.
    static func normalize(_ value: String, tag: TopologyTag?) -> String {
        tag?.isFlag == true ? YesNo.tagValue(value) : value.lowercased()
    }

    /// The criteria naming the given tag's values (e.g. all `Scope` values).
    package static func values(of tag: TopologyTag, in selections: [TagSelection]) -> [String] {
        var seen = Set<String>()
        return selections.flatMap { $0.values(for: tag.rawValue) ?? [] }.filter { seen.insert($0.lowercased()).inserted }
    }

    package func matches(tags: [(String, String)], group: TopologyGroupRecord? = nil) -> Bool {
        criteria.allSatisfy { criterion in
            if let tag = criterion.tag, let path = attributeKeys[tag] {
                guard let group else { return true }
                return criterion.values.contains(path(group).lowercased())
            }
            return accepts(criterion, tags.first { $0.0 == criterion.tag?.rawValue }?.1)
        }
    }

    /// The same, with tag values looked up by key (no tag array to build).
    package func matches(_ value: (TopologyTag) -> String?) -> Bool {
        criteria.allSatisfy { accepts($0, $0.tag.flatMap(value)) }
    }

    private func accepts(_ criterion: (tag: TopologyTag?, values: Set<String>), _ value: String?) -> Bool {
        guard let value else { return false }
        return criterion.values.contains(Self.normalize(value, tag: criterion.tag))
    }
}
