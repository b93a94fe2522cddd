/// A parsed `TopoSelect*` expression such as
/// `NGI:EGI.eu, Certification:(Certified,Candidate), Scope:EGI`.
/// Keys are kept lower-cased; a key's values mean "any of".
package struct TagSelection: Equatable, Sendable {
    package struct Criterion: Equatable, Sendable {
        package let key: String
        package let displayKey: String
        package var values: [String]
    }

    package private(set) var criteria: [Criterion] = []
    /// The expression as written, for messages.
    package private(set) var text = ""

    init() {}

    /// The selection without criteria on other keys (unknown tags are ignored).
    package func keeping(keys: some Collection<String>) -> TagSelection {
        var kept = self
        kept.criteria = criteria.filter { keys.contains($0.key) }
        return kept
    }

    package func values(for key: String) -> [String]? {
        criteria.first { $0.key == key.lowercased() }?.values
    }

    package init(parsing text: String) throws {
        self.text = text
        for item in try Self.splitTopLevel(text) {
            guard let colon = item.firstIndex(of: ":") else {
                throw FormatError(.tagSelection, "'\(item)' is not of the form Key:Value or Key:(v1,v2)")
            }
            let key = item[..<colon].trimmingBlanks()
            var valueText = item[item.index(after: colon)...].trimmingBlanks()
            if valueText.hasPrefix("(") {
                guard valueText.hasSuffix(")") else { throw FormatError(.tagSelection, "unbalanced parenthesis in '\(item)'") }
                valueText = String(valueText.dropFirst().dropLast())
            }
            let values = CommaList.split(valueText)
            if key.isEmpty || values.isEmpty { throw FormatError(.tagSelection, "'\(item)' needs both a key and a value") }
            if let index = criteria.firstIndex(where: { $0.key == key.lowercased() }) {
                criteria[index].values += values
            } else {
                criteria.append(Criterion(key: key.lowercased(), displayKey: key, values: values))
            }
        }
    }

    /// Splits on commas outside parentheses.
    private static func splitTopLevel(_ text: String) throws -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1; current.append(character)
            case ")":
                depth -= 1
                if depth < 0 { throw FormatError(.tagSelection, "unbalanced parenthesis in '\(text)'") }
                current.append(character)
            case "," where depth == 0:
                items.append(current)
                current = ""
            default: current.append(character)
            }
        }
        if depth != 0 { throw FormatError(.tagSelection, "unbalanced parenthesis in '\(text)'") }
        items.append(current)
        return items.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
