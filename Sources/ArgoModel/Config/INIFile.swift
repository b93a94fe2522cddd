/// An INI file read as Python 2.7's `ConfigParser.ConfigParser` read it
/// (the original connectors' reader), so that operators' files mean what
/// they meant: see `INILineParser` for the syntax and `value(section:option:)`
/// for interpolation. Problems go to a `DiagnosticLog` with their line.
package struct INIFile: Sendable {
    package struct Entry: Sendable {
        package let rawValue: String
        package let line: Int
        /// The option's name as written (lookups ignore case).
        var spelling = ""
    }

    package struct Section: Sendable {
        package let name: String
        /// The line of its (first) header.
        package let line: Int
        /// Options by lower-cased name, in the order first set (a repeated
        /// option keeps its place and takes the last value, as a dict did).
        fileprivate(set) var options: [(key: String, entry: Entry)] = []

        package func entry(_ key: String) -> Entry? { options.first { $0.key == key }?.entry }

        fileprivate mutating func set(_ key: String, _ entry: Entry) -> Entry? {
            guard let index = options.firstIndex(where: { $0.key == key }) else {
                options.append((key, entry))
                return nil
            }
            let previous = options[index].entry
            options[index].entry = entry
            return previous
        }
    }

    /// ConfigParser's MAX_INTERPOLATION_DEPTH.
    static let maxInterpolationDepth = 10

    package let path: String
    private(set) var defaults = Section(name: "DEFAULT", line: 0)
    private(set) var sections: [Section] = []

    /// A section by its exact name (section names are case-sensitive).
    package func section(named name: String) -> Section? { sections.first { $0.name == name } }
    package var sectionNames: [String] { sections.map(\.name) }

    /// The first section named `name` in any case (how the original found
    /// the sections of global.conf).
    func sectionName(caseInsensitive name: String) -> String? {
        sectionNames.first { $0.lowercased() == name.lowercased() }
    }

    /// Parses the file's bytes line by line; bytes that are not UTF-8 are
    /// ignored in comments and an error (naming the line) anywhere else.
    init(bytes: [UInt8], path: String, log: DiagnosticLog) {
        self.path = path
        var parser = INILineParser(path: path, log: log)
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            // CRLF files read exactly like LF files.
            parser.consume(line.last == UInt8(ascii: "\r") ? line.dropLast() : line, lineNumber: index + 1)
        }
        defaults = parser.defaults
        sections = parser.sections
    }

    package init(text: String, path: String, log: DiagnosticLog) {
        self.init(bytes: Array(text.utf8), path: path, log: log)
    }

    /// Raw (uninterpolated) entry of an option, looked up in the section then DEFAULT.
    func rawEntry(section: String, option: String) -> Entry? {
        let key = option.lowercased()
        return self.section(named: section)?.entry(key) ?? defaults.entry(key)
    }

    /// Option names `ConfigParser.items(section)` lists: DEFAULT's, then the
    /// section's own, lower-cased.
    package func optionNames(section: String) -> [String] {
        let own = self.section(named: section)?.options.map(\.key) ?? []
        let inherited = defaults.options.map(\.key)
        return inherited + own.filter { !inherited.contains($0) }
    }

    /// The value `ConfigParser.get(section, option)` returns, or nil when
    /// absent. Interpolation as Python 2.7 did it: a value without `%(` is
    /// taken literally (`%%` and a lone `%` stay); one with `%(` is
    /// %-formatted with the section's and DEFAULT's options (names
    /// lower-cased, `%%` becoming `%`), repeatedly while `%(` remains, at
    /// most 10 times.
    package func value(section: String, option: String) throws -> (value: String, line: Int)? {
        let key = option.lowercased()
        guard let entry = rawEntry(section: section, option: key) else { return nil }
        var value = entry.rawValue
        for _ in 0..<Self.maxInterpolationDepth {
            guard value.contains("%(") else { return (value, entry.line) }
            value = try percentFormat(value, section: section, option: key, line: entry.line)
        }
        guard !value.contains("%(") else {
            throw ConfigDiagnostic.error(path, entry.line,
                                         "interpolation of '\(key)' is nested deeper than \(Self.maxInterpolationDepth) (a reference loop?)")
        }
        return (value, entry.line)
    }

    /// One pass of Python's `value % options`: `%(name)s` and `%%`.
    private func percentFormat(_ value: String, section: String, option: String, line: Int) throws -> String {
        var result = ""
        var rest = Substring(value)
        while let percent = rest.firstIndex(of: "%") {
            result += rest[..<percent]
            let after = rest[rest.index(after: percent)...]
            if after.first == "%" {
                result += "%"
                rest = after.dropFirst()
            } else if after.first == "(", let close = after.firstRange(of: ")s") {
                let name = after[after.index(after: after.startIndex)..<close.lowerBound].lowercased()
                if name == "__name__" {
                    result += section
                } else if let referenced = rawEntry(section: section, option: name) {
                    result += referenced.rawValue
                } else {
                    throw ConfigDiagnostic.error(path, line, "'\(option)' refers to '%(\(name))s', which is not set in [\(section)] or [DEFAULT]")
                }
                rest = after[close.upperBound...]
            } else {
                throw ConfigDiagnostic.error(path, line, "'%' in the value of '\(option)' must be followed by '%' or '(name)s'")
            }
        }
        return result + rest
    }
}

/// Python 2.7's `RawConfigParser._read`, line by line:
/// - a line that is blank, starts with `#` or `;`, or whose first word is
///   `rem` (any case, in the first column) is a comment;
/// - a line starting with white space after an option continues it (even
///   when its text starts with `#`); its stripped text is added on a new line;
/// - `[name]` in the first column starts a section (anything after `]` is
///   ignored); a repeated section merges into the first;
/// - `name = value` or `name: value`; the name is lower-cased; a `;` whose
///   preceding character is white space starts a comment (only the first
///   `;` is looked at); the value is stripped; `""` means the empty string;
///   a repeated option's last value wins;
/// - a CR before the LF is dropped, so CRLF files read exactly like LF files.
private struct INILineParser {
    let path: String
    let log: DiagnosticLog
    var defaults = INIFile.Section(name: "DEFAULT", line: 0)
    var sections: [INIFile.Section] = []
    private var current: Current = .none
    /// The option that an indented line continues.
    private var continued: (key: String, value: String, line: Int, spelling: String)?

    private enum Current { case none, defaults, section(Int) }

    init(path: String, log: DiagnosticLog) {
        self.path = path
        self.log = log
    }

    /// Python's `str.isspace` on one byte.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func isComment(_ line: ArraySlice<UInt8>) -> Bool {
        guard let first = line.first else { return true }
        if line.allSatisfy(isSpace) || first == UInt8(ascii: "#") || first == UInt8(ascii: ";") { return true }
        guard first == UInt8(ascii: "r") || first == UInt8(ascii: "R") else { return false }
        let word = line.prefix { !isSpace($0) }
        return word.count == 3 && String(decoding: word, as: UTF8.self).lowercased() == "rem"
    }

    mutating func consume(_ bytes: ArraySlice<UInt8>, lineNumber: Int) {
        if Self.isComment(bytes) { return }
        guard let line = String(validating: bytes, as: UTF8.self) else {
            log.error(path, lineNumber, "is not UTF-8 text (only comments may hold other bytes)")
            return
        }
        if Self.isSpace(bytes[bytes.startIndex]), continued != nil {
            let text = line.pythonStripped()
            if !text.isEmpty { appendToContinued(text) }
            return
        }
        if bytes.first == UInt8(ascii: "["), let close = line.dropFirst().firstIndex(of: "]"),
           close > line.index(after: line.startIndex) {
            startSection(String(line[line.index(after: line.startIndex)..<close]), lineNumber: lineNumber)
        } else if case .none = current, lineNumber == 1, line.hasPrefix("\u{FEFF}") {
            // Invisible in an editor: say what it is.
            log.error(path, lineNumber, "the file starts with a byte order mark (bytes EF BB BF), which Python's ConfigParser refused too: save it as UTF-8 without BOM")
        } else if case .none = current {
            log.error(path, lineNumber, "option outside any [section]: '\(line.pythonStripped())'")
        } else {
            startOption(line, lineNumber: lineNumber)
        }
    }

    private mutating func appendToContinued(_ text: String) {
        guard let (key, value, line, spelling) = continued else { return }
        continued = (key, value + "\n" + text, line, spelling)
        store(key, INIFile.Entry(rawValue: value + "\n" + text, line: line, spelling: spelling), reportingRepeat: false)
    }

    private mutating func startSection(_ name: String, lineNumber: Int) {
        continued = nil
        if name == "DEFAULT" {
            current = .defaults
        } else if let index = sections.firstIndex(where: { $0.name == name }) {
            log.warning(path, lineNumber, "section [\(name)] appears again (first at line \(sections[index].line)); its options are merged into the first, as ConfigParser did")
            current = .section(index)
        } else {
            sections.append(INIFile.Section(name: name, line: lineNumber))
            current = .section(sections.count - 1)
        }
    }

    private mutating func startOption(_ line: String, lineNumber: Int) {
        guard let first = line.first, !first.isWhitespace, first != ":", first != "=",
              let delimiter = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
            log.error(path, lineNumber, "expected 'key = value', found '\(line.pythonStripped())'")
            return
        }
        let spelling = String(line[..<delimiter]).pythonStripped(leading: false)
        let key = spelling.lowercased()
        var value = Array(line[line.index(after: delimiter)...].drop { $0.isPythonSpace })
        // Only the first ';' counts, and only after white space; at the
        // value's start Python compared with its last character (index -1).
        if let semicolon = value.firstIndex(of: ";") {
            let before = semicolon == 0 ? value.last : value[semicolon - 1]
            if before?.isPythonSpace == true { value.removeSubrange(semicolon...) }
        }
        var text = String(value).pythonStripped()
        if text == "\"\"" { text = "" }
        continued = (key, text, lineNumber, spelling)
        store(key, INIFile.Entry(rawValue: text, line: lineNumber, spelling: spelling), reportingRepeat: true)
    }

    private mutating func store(_ key: String, _ entry: INIFile.Entry, reportingRepeat: Bool) {
        let previous: INIFile.Entry?
        let sectionName: String
        switch current {
        case .none: return
        case .defaults:
            previous = defaults.set(key, entry)
            sectionName = "DEFAULT"
        case .section(let index):
            previous = sections[index].set(key, entry)
            sectionName = sections[index].name
        }
        if reportingRepeat, let previous {
            log.warning(path, entry.line, "option '\(key)' is set again in [\(sectionName)] (first at line \(previous.line)); the last value is used, as ConfigParser did")
        }
    }
}

extension Character {
    /// White space as Python 2.7's `str.strip` and `isspace` saw it (ASCII).
    var isPythonSpace: Bool {
        self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\u{0B}" || self == "\u{0C}" || self == "\r\n"
    }
}

extension StringProtocol {
    /// Python 2.7's `strip()` (or `rstrip()`), ASCII white space only.
    func pythonStripped(leading: Bool = true) -> String {
        var text = Substring(self)
        if leading { text = text.drop { $0.isPythonSpace } }
        while text.last?.isPythonSpace == true { text.removeLast() }
        return String(text)
    }
}

extension INIFile {
    /// Every section but DEFAULT with what `ConfigParser.items(section)`
    /// gives: DEFAULT's options and its own, interpolated (null where that
    /// fails), secrets as `***` unless `showSecrets`.
    package func dump(showSecrets: Bool, known: KnownOptions) -> JSONValue {
        .object(sections.map { section in
            (section.name, .object(optionNames(section: section.name).map { option in
                guard let value = try? value(section: section.name, option: option)?.value else { return (option, .null) }
                return (option, .string(!showSecrets && known.isSecret(option) ? "***" : value))
            }))
        })
    }
}
