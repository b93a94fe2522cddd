/// Equal strings stored once and named by a small id.
struct StringPool: Sendable {
    private(set) var strings: [String] = []
    private var ids: [String: UInt32] = [:]

    mutating func id(_ text: String) -> UInt32 {
        if let known = ids[text] { return known }
        let id = UInt32(strings.count)
        strings.append(text)
        ids[text] = id
        return id
    }

    subscript(id: UInt32) -> String { strings[Int(id)] }
}
