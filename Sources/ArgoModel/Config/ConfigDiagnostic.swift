/// One problem found in a configuration file, printed as `FILE:LINE: message`.
package struct ConfigDiagnostic: Error, CustomStringConvertible, Equatable, Sendable {
    package enum Severity: String, Sendable { case error, warning }

    package let severity: Severity
    package let file: String
    package let line: Int?
    package let message: String
    /// What the problem stops (set by the log it was reported to).
    package var scope: ConfigScope = .run

    package static func error(_ file: String, _ line: Int?, _ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(severity: .error, file: file, line: line, message: message, scope: .run)
    }

    package static func warning(_ file: String, _ line: Int?, _ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(severity: .warning, file: file, line: line, message: message, scope: .run)
    }

    package var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return severity == .warning ? "\(location): warning: \(message)" : "\(location): \(message)"
    }
}
