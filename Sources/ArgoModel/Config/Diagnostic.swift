/// One problem found in a configuration file, printed as `FILE:LINE: message`.
public struct ConfigDiagnostic: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    public let file: String
    public let line: Int?
    public let message: String

    public static func error(_ file: String, _ line: Int?, _ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(severity: .error, file: file, line: line, message: message)
    }

    public static func warning(_ file: String, _ line: Int?, _ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(severity: .warning, file: file, line: line, message: message)
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return severity == .warning ? "\(location): warning: \(message)" : "\(location): \(message)"
    }
}

/// Collects diagnostics while a configuration is read, so that every
/// problem is reported at once rather than only the first.
public final class DiagnosticLog {
    public private(set) var entries: [ConfigDiagnostic] = []
    public init() {}
    public func add(_ diagnostic: ConfigDiagnostic) { entries.append(diagnostic) }
    public func error(_ file: String, _ line: Int?, _ message: String) { add(.error(file, line, message)) }
    public func warning(_ file: String, _ line: Int?, _ message: String) { add(.warning(file, line, message)) }
    public var errors: [ConfigDiagnostic] { entries.filter { $0.severity == .error } }
    public var hasErrors: Bool { entries.contains { $0.severity == .error } }
}
