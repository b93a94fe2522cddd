/// The two orders argo-connectors 2.3.1's outputs follow from Python.
extension Sequence {
    /// Each key once, where it first appeared, holding the last element of
    /// that key: what a Python dict keeps when things are stored in it by
    /// key (2.3.1's sites, service groups, extensions, VAPOR sites).
    /// `repeated` sees each later element with the one it replaces.
    package func keepingLastInFirstPlace<Key: Hashable>(by key: (Element) -> Key,
                                                        repeated: (_ earlier: Element, _ later: Element) -> Void = { _, _ in }) -> [Element] {
        var position: [Key: Int] = Dictionary(minimumCapacity: underestimatedCount)
        var kept: [Element] = []
        kept.reserveCapacity(underestimatedCount)
        for element in self {
            if let earlier = position[key(element)] {
                repeated(kept[earlier], element)
                kept[earlier] = element
            } else {
                position[key(element)] = kept.count
                kept.append(element)
            }
        }
        return kept
    }

    /// Sorted by `key` in code-point (UTF-8 byte) order, equal keys in their
    /// order: Python's `sorted(key=...)`.
    package func stableSorted(byText key: (Element) -> String) -> [Element] {
        enumerated().sorted { a, b in
            let (left, right) = (key(a.element), key(b.element))
            return left != right ? ByteOrder.less(left, right) : a.offset < b.offset
        }.map(\.element)
    }
}
