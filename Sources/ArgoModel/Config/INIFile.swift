import FoundationEssentials

/// An INI file read with the semantics of Python's `configparser.ConfigParser`
/// (the original connectors' reader), so existing files read the same:
/// `key = value` / `key: value`, case-insensitive option names, full-line
/// `#`/`;` comments, indented continuation lines, `[DEFAULT]`, `%(name)s`
/// interpolation, and duplicate sections/options as errors.
public struct INIFile {
    public struct Entry {
        public let rawValue: String
        public let line: Int
    }

    public struct Section {
        public let name: String
        public let line: Int
        /// Options keyed by lower-cased name, in file order.
        public fileprivate(set) var options: [(key: String, entry: Entry)] = []
        public func entry(_ key: String) -> Entry? { options.first { $0.key == key }?.entry }
    }

    public static let maxInterpolationDepth = 10

    public let path: String
    public private(set) var defaults = Section(name: "DEFAULT", line: 0)
    public private(set) var sections: [Section] = []

    public func section(named name: String) -> Section? { sections.first { $0.name == name } }
    public var sectionNames: [String] { sections.map(\.name) }

    /// Parses `text`; syntax problems go to `log` and the offending lines are skipped.
    public init(text: String, path: String, log: DiagnosticLog) {
        self.path = path
        var parser = INILineParser(path: path, log: log)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            parser.consume(String(line), lineNumber: index + 1)
        }
        parser.finishValue()
        defaults = parser.defaults
        sections = parser.sections
    }

    /// Raw (uninterpolated) entry of an option, looked up in the section then DEFAULT.
    public func rawEntry(section: String, option: String) -> Entry? {
        let key = option.lowercased()
        return self.section(named: section)?.entry(key) ?? defaults.entry(key)
    }

    /// The interpolated value of an option, or nil when absent.
    public func value(section: String, option: String) throws -> (value: String, line: Int)? {
        guard let entry = rawEntry(section: section, option: option) else { return nil }
        let value = try interpolate(entry.rawValue, section: section, option: option.lowercased(), line: entry.line, depth: 1)
        return (value, entry.line)
    }

    /// Option names visible in a section (its own, then DEFAULT's), lower-cased.
    public func optionNames(section: String) -> [String] {
        let own = self.section(named: section)?.options.map(\.key) ?? []
        return own + defaults.options.map(\.key).filter { !own.contains($0) }
    }

    private func interpolate(_ raw: String, section: String, option: String, line: Int, depth: Int) throws -> String {
        guard raw.contains("%") else { return raw }
        if depth > Self.maxInterpolationDepth {
            throw ConfigDiagnostic.error(path, line, "interpolation of '\(option)' is nested deeper than \(Self.maxInterpolationDepth) (a reference loop?)")
        }
        var result = ""
        var rest = Substring(raw)
        while let percent = rest.firstIndex(of: "%") {
            result += rest[..<percent]
            let after = rest[rest.index(after: percent)...]
            if after.first == "%" {
                result += "%"
                rest = after.dropFirst()
            } else if after.first == "(", let close = after.firstRange(of: ")s") {
                let name = after[after.index(after: after.startIndex)..<close.lowerBound].lowercased()
                guard let referenced = rawEntry(section: section, option: name) else {
                    throw ConfigDiagnostic.error(path, line, "'\(option)' refers to '%(\(name))s', which is not set in [\(section)] or [DEFAULT]")
                }
                result += try interpolate(referenced.rawValue, section: section, option: name, line: line, depth: depth + 1)
                rest = after[close.upperBound...]
            } else {
                throw ConfigDiagnostic.error(path, line, "'%' in the value of '\(option)' must be followed by '%' or '(name)s'")
            }
        }
        return result + rest
    }
}

/// The line-by-line state machine behind `INIFile`.
private struct INILineParser {
    let path: String
    let log: DiagnosticLog
    var defaults = INIFile.Section(name: "DEFAULT", line: 0)
    var sections: [INIFile.Section] = []
    private var current: Current = .none
    private var pending: (key: String, lines: [String], line: Int)?
    private var optionIndent = 0

    private enum Current { case none, defaults, section(Int), skipped }

    init(path: String, log: DiagnosticLog) {
        self.path = path
        self.log = log
    }

    mutating func consume(_ rawLine: String, lineNumber: Int) {
        let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : rawLine
        let stripped = line.trimmingBlanks()
        if stripped.hasPrefix("#") || stripped.hasPrefix(";") { return }
        if stripped.isEmpty {
            pending?.lines.append("")
            return
        }
        let indent = line.prefix { $0 == " " || $0 == "\t" }.count
        if pending != nil, indent > optionIndent {
            pending?.lines.append(stripped)
            return
        }
        finishValue()
        optionIndent = indent
        if stripped.hasPrefix("["), let close = stripped.lastIndex(of: "]"), close > stripped.index(after: stripped.startIndex) {
            startSection(String(stripped[stripped.index(after: stripped.startIndex)..<close]), lineNumber: lineNumber)
        } else if case .none = current {
            log.error(path, lineNumber, "option outside any [section]: '\(stripped)'")
            current = .skipped
        } else {
            startOption(stripped, lineNumber: lineNumber)
        }
    }

    private mutating func startSection(_ name: String, lineNumber: Int) {
        if name == "DEFAULT" {
            current = .defaults
        } else if let existing = sections.first(where: { $0.name == name }) {
            log.error(path, lineNumber, "section [\(name)] already defined at line \(existing.line)")
            current = .skipped
        } else {
            sections.append(INIFile.Section(name: name, line: lineNumber))
            current = .section(sections.count - 1)
        }
    }

    private mutating func startOption(_ text: String, lineNumber: Int) {
        guard let delimiter = text.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
            log.error(path, lineNumber, "expected 'key = value', found '\(text)'")
            return
        }
        let key = text[..<delimiter].trimmingBlanks().lowercased()
        let value = text[text.index(after: delimiter)...].trimmingBlanks()
        if key.isEmpty {
            log.error(path, lineNumber, "option without a name: '\(text)'")
            return
        }
        if let existing = currentSection?.entry(key) {
            log.error(path, lineNumber, "option '\(key)' already set at line \(existing.line) in [\(currentSection!.name)]")
            return
        }
        pending = (key, [value], lineNumber)
    }

    private var currentSection: INIFile.Section? {
        switch current {
        case .defaults: return defaults
        case .section(let index): return sections[index]
        default: return nil
        }
    }

    mutating func finishValue() {
        guard let (key, lines, line) = pending else { return }
        pending = nil
        var joined = lines.joined(separator: "\n")
        while joined.last?.isWhitespace == true { joined.removeLast() }
        let entry = INIFile.Entry(rawValue: joined, line: line)
        switch current {
        case .defaults: defaults.options.append((key, entry))
        case .section(let index): sections[index].options.append((key, entry))
        default: break
        }
    }
}
