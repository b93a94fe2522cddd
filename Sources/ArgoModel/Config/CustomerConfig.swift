import FoundationEssentials

/// One `[CUSTOMER_*]` section with its jobs and per-customer overrides.
public struct CustomerConfig: Sendable {
    public var section: String
    public var line: Int
    public var name: String
    public var outputDir: String
    public var jobs: [JobConfig] = []
    /// AMS settings after applying this customer's Ams* overrides.
    public var ams: AmsSettings
    /// WEB-API settings after applying this customer's WebAPIHost and WebAPIToken.
    public var webAPI = WebAPISettings()
    /// Authentication after applying this customer's Authentication* overrides.
    public var authentication: AuthenticationSettings
}
