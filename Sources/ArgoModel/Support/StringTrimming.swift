/// Trimming as Foundation's `.whitespaces` and `.whitespacesAndNewlines`
/// did, without Foundation's internationalisation (FoundationEssentials
/// has no character sets).
extension StringProtocol {
    /// Without leading and trailing blanks: spaces and tabs, not line ends.
    package func trimmingBlanks() -> String {
        trimming { $0.isWhitespace && !$0.isNewline }
    }

    /// Without leading and trailing white space and line ends.
    package func trimmingWhitespace() -> String {
        trimming(\.isWhitespace)
    }

    private func trimming(_ isTrimmed: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !isTrimmed($0) }), let last = lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(self[first...last])
    }
}
