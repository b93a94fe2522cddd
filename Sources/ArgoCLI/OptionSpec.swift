import ArgoModel

/// One option as the command table lists it: its names, value placeholder
/// and help. Commands declare options as `Flag` or `Option<Value>`.
package struct OptionSpec: Sendable {
    package let long: String
    let short: Character?
    /// Placeholder of the value (`PATH`); nil for a flag.
    let valueName: String?
    let help: String
    /// Whether it may be given more than once (each value kept, in order).
    var repeatable = false

    var isFlag: Bool { valueName == nil }

    /// How messages name it: `-d` when it has a short name, else `--long`.
    var displayName: String { short.map { "-\($0)" } ?? "--\(long)" }

    var synopsis: String {
        let names = [short.map { "-\($0)" }, "--\(long)"].compactMap { $0 }.joined(separator: ", ")
        return valueName.map { "\(names) \($0)" } ?? names
    }
}

/// Anything that can stand in a command's option list.
package protocol OptionDeclaration: Sendable {
    var spec: OptionSpec { get }
}
