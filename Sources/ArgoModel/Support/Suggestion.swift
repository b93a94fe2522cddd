/// "Did you mean" for near misses: edit distance of at most 2 (or a quarter of the word), or a prefix either way.
package enum Suggestion {
    package static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        if let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 4) { return best.0 }
        // A prefix either way: `Dirnam` for Dirname, `HostCertificate` for HostCert.
        let lower = word.lowercased()
        return candidates.first { $0.lowercased().hasPrefix(lower) && word.count >= 3 }
            ?? candidates.filter { $0.count >= 4 && lower.hasPrefix($0.lowercased()) }.max { $0.count < $1.count }
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
