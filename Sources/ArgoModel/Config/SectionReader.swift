/// Typed access to one INI section, reporting each bad value to a
/// `DiagnosticLog` with its file and line and carrying on with a default.
struct SectionReader {
    let ini: INIFile
    let section: String
    let log: DiagnosticLog

    var exists: Bool { ini.section(named: section) != nil }
    var sectionLine: Int? { ini.section(named: section)?.line }

    func line(_ option: String) -> Int? { ini.rawEntry(section: section, option: option)?.line }

    /// The interpolated value; nil when absent. An empty value counts as absent.
    func string(_ option: String) -> String? {
        do {
            guard let found = try ini.value(section: section, option: option) else { return nil }
            return found.value.isEmpty ? nil : found.value
        } catch let diagnostic as ConfigDiagnostic {
            log.add(diagnostic)
        } catch {
            log.error(ini.path, line(option), "\(error)")
        }
        return nil
    }

    func required(_ option: String) -> String? {
        let value = string(option)
        if value == nil, ini.rawEntry(section: section, option: option) == nil {
            log.error(ini.path, sectionLine, "[\(section)] needs the option \(option)")
        } else if value == nil {
            log.error(ini.path, line(option), "[\(section)] \(option) is empty")
        }
        return value
    }

    /// ConfigParser's getboolean: 1/yes/true/on and 0/no/false/off, any case.
    func bool(_ option: String, default fallback: Bool) -> Bool {
        guard let text = string(option) else { return fallback }
        if let value = YesNo.parse(text) { return value }
        log.error(ini.path, line(option), "[\(section)] \(option) = '\(text)' is not a boolean (use True/False, yes/no, on/off or 1/0)")
        return fallback
    }

    func int(_ option: String, default fallback: Int, minimum: Int = 0) -> Int {
        guard let text = string(option) else { return fallback }
        guard let value = Int(text), value >= minimum else {
            log.error(ini.path, line(option), "[\(section)] \(option) = '\(text)' is not a whole number ≥ \(minimum)")
            return fallback
        }
        return value
    }

    /// A comma-separated list, items trimmed, empty items dropped.
    func list(_ option: String) -> [String] {
        guard let text = string(option) else { return [] }
        return CommaList.split(text)
    }
}

extension SectionReader {
    /// A section of global.conf, found in any case as the original found it.
    init(ini: INIFile, globalSection name: String, log: DiagnosticLog) {
        self.init(ini: ini, section: ini.sectionName(caseInsensitive: name) ?? name, log: log)
    }
}
