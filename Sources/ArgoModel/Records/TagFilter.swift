/// Matching of `TopoSelect*` criteria against records, case-insensitive,
/// list values meaning "any of". Shared by both topology fetch types.
package struct TagFilter: Sendable {
    /// Criteria keys compared against a record attribute rather than a tag
    /// (e.g. `NGI` → group, `Site` → subgroup).
    let attributeKeys: [String: @Sendable (TopologyGroupRecord) -> String]
    private let criteria: [(key: String, values: Set<String>)]

    static let binaryTags: Set<String> = ["monitored", "production"]

    package init(_ selection: TagSelection, attributeKeys: [String: @Sendable (TopologyGroupRecord) -> String] = [:]) {
        self.attributeKeys = attributeKeys
        criteria = selection.criteria.map { criterion in
            (criterion.key, Set(criterion.values.map { Self.normalize($0, key: criterion.key) }))
        }
    }

    /// Y/True/1 mean "1" and N/False/0 mean "0" for the binary tags.
    static func normalize(_ value: String, key: String) -> String {
        binaryTags.contains(key) ? YesNo.tagValue(value) : value.lowercased()
    }

    /// The criteria naming the given keys' values (e.g. all `Scope` values).
    package static func values(of key: String, in selections: [TagSelection]) -> [String] {
        var seen = Set<String>()
        return selections.flatMap { $0.values(for: key) ?? [] }.filter { seen.insert($0.lowercased()).inserted }
    }

    package func matches(tags: [(String, String)], group: TopologyGroupRecord? = nil) -> Bool {
        criteria.allSatisfy { criterion in
            if let path = attributeKeys[criterion.key] {
                guard let group else { return true }
                return criterion.values.contains(path(group).lowercased())
            }
            return accepts(criterion, tags.first { $0.0 == criterion.key }?.1)
        }
    }

    /// The same, with tag values looked up by key (no tag array to build).
    package func matches(_ tag: (String) -> String?) -> Bool {
        criteria.allSatisfy { accepts($0, tag($0.key)) }
    }

    private func accepts(_ criterion: (key: String, values: Set<String>), _ value: String?) -> Bool {
        guard let value else { return false }
        return criterion.values.contains(Self.normalize(value, key: criterion.key))
    }
}
