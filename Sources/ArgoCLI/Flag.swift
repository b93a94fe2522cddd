import ArgoModel

/// An option without a value: present or not.
public struct Flag: OptionDeclaration {
    public let spec: OptionSpec

    public init(_ long: String, short: Character? = nil, help: String) {
        spec = OptionSpec(long: long, short: short, valueName: nil, help: help)
    }
}
