import ArgoModel

/// An option without a value: present or not.
struct Flag: OptionDeclaration {
    package let spec: OptionSpec

    init(_ long: String, short: Character? = nil, help: String) {
        spec = OptionSpec(long: long, short: short, valueName: nil, help: help)
    }
}
