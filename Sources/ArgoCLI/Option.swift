import ArgoModel

/// An option with a value of type `Value`, converted from its text.
package struct Option<Value: Sendable>: OptionDeclaration {
    package private(set) var spec: OptionSpec
    let convert: @Sendable (String) -> Value?
    /// Completes "`--jobs x` …" when the text does not convert.
    let expectation: String

    init(_ long: String, short: Character? = nil, value: String, help: String,
                expectation: String, convert: @escaping @Sendable (String) -> Value?) {
        spec = OptionSpec(long: long, short: short, valueName: value, help: help)
        self.convert = convert
        self.expectation = expectation
    }
}

extension Option where Value == String {
    /// Text taken as it is (an empty value counts as not given).
    init(_ long: String, short: Character? = nil, value: String, help: String) {
        self.init(long, short: short, value: value, help: help, expectation: "is empty") { $0.isEmpty ? nil : $0 }
    }

    /// Text taken as it is, given any number of times (`values(_:)` reads them).
    init(repeatable long: String, short: Character? = nil, value: String, help: String) {
        self.init(long, short: short, value: value, help: help)
        spec.repeatable = true
    }
}

extension Option where Value == Int {
    /// A whole number of at least `minimum`.
    init(_ long: String, short: Character? = nil, value: String = "N", minimum: Int, help: String) {
        self.init(long, short: short, value: value, help: help, expectation: "is not a whole number ≥ \(minimum)") { text in
            Int(text).flatMap { $0 >= minimum ? $0 : nil }
        }
    }
}

extension Option where Value == RunDate {
    /// A real calendar day, `YYYY-MM-DD`.
    init(date long: String, short: Character? = nil, help: String) {
        self.init(long, short: short, value: "YYYY-MM-DD", help: help,
                  expectation: "is not a calendar date of the form YYYY-MM-DD") { RunDate(parsing: $0) }
    }
}
