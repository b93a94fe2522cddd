import FoundationEssentials

/// AMS settings; every one may also come from a customer (AmsHost, ...).
public struct AmsSettings: Equatable, Sendable {
    public var host: String?
    public var token: String?
    public var project: String?
    public var topic: String?
    public var bulk: Int = 100
    public var packSingleMessage: Bool = true

    public var missingOptions: [String] {
        [("Host", host), ("Token", token), ("Project", project), ("Topic", topic)].filter { $0.1 == nil }.map(\.0)
    }
}
