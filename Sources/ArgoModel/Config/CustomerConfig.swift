/// One `[CUSTOMER_*]` section with its jobs and per-customer overrides.
package struct CustomerConfig: Sendable {
    /// The customer's identity in a run: its section's name, or, when an
    /// earlier customer.conf has a section of that name, `NAME@FILE`.
    package var section: String
    /// The section's name in its own file (for reading that file again).
    var iniSection: String = ""
    /// The customer.conf that holds it.
    package var file: String = ""
    package var line: Int
    package var name: String
    package var outputDir: String
    package var jobs: [JobConfig] = []
    /// AMS settings after applying this customer's Ams* overrides.
    package var ams: AmsSettings
    /// WEB-API settings after applying this customer's WebAPIHost and WebAPIToken.
    package var webAPI = WebAPISettings()
    /// Authentication after applying this customer's Authentication* overrides.
    package var authentication: AuthenticationSettings
    /// The 2.3.1 tenant settings, for a customer section of that generation.
    package var tenant: TenantConfig?

    package var generation: ConfigGeneration { tenant == nil ? .egi17 : .argo231 }

    /// OutputDir without trailing slashes: two spellings of one folder
    /// compare equal, and a job's Dirname joins it with one slash.
    package var outputFolder: String {
        var folder = outputDir
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        return folder
    }

    /// A customer known by its Name alone (`check --state-dir` finds Names as folders, reading no configuration).
    package static func named(_ name: String) -> CustomerConfig {
        CustomerConfig(section: name, line: 0, name: name, outputDir: "", ams: AmsSettings(), authentication: AuthenticationSettings())
    }
}
