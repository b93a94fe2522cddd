/// Collects diagnostics while a configuration is read, so that every
/// problem is reported at once rather than only the first. Each takes the
/// scope the reader is in (`within`), which decides what it stops at run time.
package final class DiagnosticLog {
    package private(set) var entries: [ConfigDiagnostic] = []
    /// The scope of what is reported now.
    private(set) var scope = ConfigScope.run

    package init() {}

    package func add(_ diagnostic: ConfigDiagnostic) {
        var scoped = diagnostic
        if scoped.scope == .run { scoped.scope = scope }
        entries.append(scoped)
    }

    package func error(_ file: String, _ line: Int?, _ message: String) { add(.error(file, line, message)) }
    package func warning(_ file: String, _ line: Int?, _ message: String) { add(.warning(file, line, message)) }
    func note(_ file: String, _ line: Int?, _ message: String) { add(.note(file, line, message)) }
    package var warnings: [ConfigDiagnostic] { entries.filter { $0.severity == .warning } }
    package var errors: [ConfigDiagnostic] { entries.filter { $0.severity == .error } }
    var hasErrors: Bool { entries.contains { $0.severity == .error } }

    /// Errors that make the whole run meaningless.
    var runErrors: [ConfigDiagnostic] { errors.filter { $0.scope == .run } }

    /// Runs `body` with what it reports scoped to `scope`.
    func within<T>(_ scope: ConfigScope, _ body: () -> T) -> T {
        let outer = self.scope
        self.scope = scope
        defer { self.scope = outer }
        return body()
    }
}
