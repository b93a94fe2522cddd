/// Every option the tool reads, where it belongs and in which generation:
/// what `validate-config` holds each file's options against, so that a
/// typo or a misplaced option is never silently ignored. The options of
/// global.conf and the customer and job options every connector shares are
/// listed here; a source's own come from its declarations (`SourceDeclarations`).
package struct KnownOptions: Sendable {
    /// Where an option stands.
    package enum Place: Hashable, Sendable {
        /// A section of global.conf (its name as documented).
        case global(String)
        case customer
        case job

        var noun: String {
            switch self {
            case .global(let section): "a [\(section)] option"
            case .customer: "a customer option"
            case .job: "a job option"
            }
        }
    }

    /// The core options, then every source's.
    let all: [SourceOption]
    let sources: SourceDeclarations

    package init(sources: SourceDeclarations) {
        self.sources = sources
        all = Self.core + sources.options
    }

    private static let both: Set<ConfigGeneration> = [.egi17, .argo231]

    private static func options(_ place: Place, _ generations: Set<ConfigGeneration>, _ names: [String], defaults: [String: String] = [:],
                                secrets: Set<String> = []) -> [SourceOption] {
        names.map { SourceOption($0, at: place, generations, default: defaults[$0], secret: secrets.contains($0)) }
    }

    private static let outputs17 = ["Downtimes", "Poem", "TopologyGroupOfEndpoints", "TopologyGroupOfGroups", "Weights"]

    /// global.conf's options, and the customer and job options that are no one source's.
    static let core: [SourceOption] =
        options(.global("General"), [.egi17], ["PublishAms", "WriteAvro"], defaults: ["PublishAms": "False", "WriteAvro": "True"])
        + options(.global("General"), both, ["PublishWebAPI", "WriteJson", "ShrinkLimit"], defaults: ["PublishWebAPI": "False", "WriteJson": "False", "ShrinkLimit": "50"])
        + options(.global("General"), [.argo231], ["PassExtensions", "CompressJson"], defaults: ["PassExtensions": "False", "CompressJson": "False"])
        + options(.global("AMS"), [.egi17], ["Host", "Token", "Project", "Topic", "Bulk", "PackSingleMsg", "VerifyServerCert"],
                  defaults: ["Bulk": "100", "PackSingleMsg": "True", "VerifyServerCert": "True"], secrets: ["Token"])
        + options(.global("WebAPI"), both, ["Host", "Token", "VerifyServerCert"], defaults: ["VerifyServerCert": "True"], secrets: ["Token"])
        + options(.global("Authentication"), both, ["VerifyServerCert", "CAFile", "CAPath", "HostKey", "HostCert", "UsePlainHttpAuth", "HttpUser", "HttpPass"],
                  defaults: ["VerifyServerCert": "False", "UsePlainHttpAuth": "False"], secrets: ["HttpPass"])
        + options(.global("Authentication"), [.egi17], ["PoemToken"], secrets: ["PoemToken"])
        + options(.global("Connection"), both, ["Timeout", "Retry", "SleepRetry", "TransferTimeout", "MaxPages", "MaxRecords"],
                  defaults: ["Timeout": "180", "Retry": "3", "SleepRetry": "60", "TransferTimeout": "\(ConnectionSettings.defaultTransferTimeoutSeconds)",
                             "MaxPages": "\(ConnectionSettings.defaultMaxPages)", "MaxRecords": "\(ConnectionSettings.defaultMaxRecords)"])
        + options(.global("Connection"), [.argo231], ["RetryRandom", "SleepRandomRetryMax"], defaults: ["RetryRandom": "False", "SleepRandomRetryMax": "0"])
        + options(.global("InputState"), both, ["SaveDir", "Days"], defaults: ["Days": "3"])
        + options(.global("AvroSchemas"), [.egi17], outputs17)
        + options(.global("Output"), [.egi17], outputs17)
        + options(.global("Output"), [.argo231], ["Downtimes", "MetricProfile", "TopologyGroupOfEndpoints", "TopologyGroupOfGroups", "Weights"])
        + options(.customer, both, ["Name", "OutputDir", "Jobs", "WebAPIHost", "WebAPIToken", "AuthenticationUsePlainHttpAuth",
                                    "AuthenticationHttpUser", "AuthenticationHttpPass"], secrets: ["WebAPIToken", "AuthenticationHttpPass"])
        + options(.customer, [.egi17], ["AmsHost", "AmsToken", "AmsProject", "AmsTopic", "AmsBulk", "AmsPackSingleMsg", "AuthenticationPoemToken"],
                  secrets: ["AmsToken", "AuthenticationPoemToken"])
        // Which source a tenant's topology comes from, and what it fetches: the marks of a 2.3.1 tenant.
        + options(.customer, [.argo231], ["TopoType", "TopoFetchType"])
        + options(.job, both, ["Dirname", "Profiles"])
        + options(.job, [.argo231], ["MetricProfileNamespace"])

    /// The global.conf sections, as documented.
    static var globalSections: [String] {
        var names: [String] = []
        for option in core {
            if case .global(let section) = option.place, !names.contains(section) { names.append(section) }
        }
        return names
    }

    /// The options of `place` (any generation).
    package func at(_ place: Place) -> [SourceOption] { all.filter { $0.place == place } }

    /// Where else `name` is an option, for "is a job option" messages.
    func places(of name: String) -> [Place] {
        var places: [Place] = []
        for option in all where option.name.lowercased() == name.lowercased() && !places.contains(option.place) { places.append(option.place) }
        return places
    }

    /// Whether `name`'s value is a secret, printed as `***` unless asked: a
    /// known option declared so, or an unknown one named …token, …pass or
    /// …password (a misspelt secret is still a secret).
    package func isSecret(_ name: String) -> Bool {
        let known = all.filter { $0.name.lowercased() == name.lowercased() }
        guard known.isEmpty else { return known.contains(where: \.isSecret) }
        return ["token", "pass", "password"].contains { name.lowercased().hasSuffix($0) }
    }

    /// The options that give a connector of `data` something to fetch (either generation's):
    /// the feeds declared, the tenant's TopoType and TopoFetchType, a job's Profiles.
    func feedOptions(of data: DataKind) -> Set<String> {
        var names = Set(all.filter { $0.feeds.contains(data) }.map(\.name))
        if data == .topology { names.formUnion(["TopoType", "TopoFetchType"]) }
        if data == .metricProfiles { names.insert("Profiles") }
        return names
    }
}
