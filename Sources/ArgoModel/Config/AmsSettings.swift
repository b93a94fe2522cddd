
/// AMS settings; every one may also come from a customer (AmsHost, ...).
package struct AmsSettings: Equatable, Sendable {
    package var host: String?
    package var token: String?
    package var project: String?
    package var topic: String?
    package var bulk: Int = 100
    package var packSingleMessage: Bool = true

    package var missingOptions: [String] {
        [("Host", host), ("Token", token), ("Project", project), ("Topic", topic)].filter { $0.1 == nil }.map(\.0)
    }
}
