/// One problem found in a configuration file, printed as `FILE:LINE: message`.
public struct ConfigDiagnostic: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    public let file: String
    public let line: Int?
    public let message: String
    /// What the problem stops (set by the log it was reported to).
    public var scope: ConfigScope = .run

    public static func error(_ file: String, _ line: Int?, _ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(severity: .error, file: file, line: line, message: message, scope: .run)
    }

    public static func warning(_ file: String, _ line: Int?, _ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(severity: .warning, file: file, line: line, message: message, scope: .run)
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return severity == .warning ? "\(location): warning: \(message)" : "\(location): \(message)"
    }
}
