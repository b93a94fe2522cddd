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
