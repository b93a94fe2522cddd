/// One problem found in a configuration file, printed as `FILE:LINE: message`.
package struct ConfigDiagnostic: Error, CustomStringConvertible, Equatable, Sendable {
    /// A note says something worth knowing that is no problem (a section whose switch is off): not a warning, not a --strict failure.
    package enum Severity: String, Sendable { case error, warning, note }

    package let severity: Severity
    let file: String
    package let line: Int?
    package let message: String
    /// What the problem stops (set by the log it was reported to).
    var scope: ConfigScope = .run

    package static func error(_ file: String, _ line: Int?, _ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(severity: .error, file: file, line: line, message: message, scope: .run)
    }

    package static func warning(_ file: String, _ line: Int?, _ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(severity: .warning, file: file, line: line, message: message, scope: .run)
    }

    static func note(_ file: String, _ line: Int?, _ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(severity: .note, file: file, line: line, message: message, scope: .run)
    }

    package var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        switch severity {
        case .error: return "\(location): \(message)"
        case .warning: return "\(location): warning: \(message)"
        case .note: return "\(location): note: \(message)"
        }
    }
}
