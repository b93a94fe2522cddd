/// AMS settings; every one may also come from a customer (AmsHost, ...).
package struct AmsSettings: Equatable, Sendable {
    package var host: String?
    package var token: String?
    package var project: String?
    package var topic: String?
    package var bulk: Int = 100
    package var packSingleMessage: Bool = true
    /// `[AMS] VerifyServerCert`: AMS's certificate is checked against the
    /// system's CAs and `CAFile`/`CAPath` unless this is off. Not
    /// `[Authentication] VerifyServerCert`, which is for the feeds: a token
    /// never goes to a server that could be anyone.
    package var verifyServerCert: Bool = true

    package var missingOptions: [String] {
        [("Host", host), ("Token", token), ("Project", project), ("Topic", topic)].filter { $0.1 == nil }.map(\.0)
    }
}
