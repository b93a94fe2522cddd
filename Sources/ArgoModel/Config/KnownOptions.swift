/// Every option the tool reads, where it belongs and in which generation:
/// what `validate-config` holds each file's options against, so that a
/// typo or a misplaced option is never silently ignored.
enum KnownOptions {
    /// Where an option stands.
    enum Place: Hashable, Sendable {
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

    package struct Option: Sendable {
        package let name: String
        let place: Place
        let generations: Set<ConfigGeneration>
        /// The value a run uses when the option is not given (for `--dump`).
        let defaultValue: String?
    }

    private static let both: Set<ConfigGeneration> = [.egi17, .argo231]

    private static func options(_ place: Place, _ generations: Set<ConfigGeneration>, _ names: [String], defaults: [String: String] = [:]) -> [Option] {
        names.map { Option(name: $0, place: place, generations: generations, defaultValue: defaults[$0]) }
    }

    private static let outputs17 = ["Downtimes", "Poem", "TopologyGroupOfEndpoints", "TopologyGroupOfGroups", "Weights"]

    static let all: [Option] =
        options(.global("General"), [.egi17], ["PublishAms", "WriteAvro"], defaults: ["PublishAms": "False", "WriteAvro": "True"])
        + options(.global("General"), both, ["PublishWebAPI", "WriteJson", "ShrinkLimit"], defaults: ["PublishWebAPI": "False", "WriteJson": "False", "ShrinkLimit": "50"])
        + options(.global("General"), [.argo231], ["PassExtensions", "CompressJson"], defaults: ["PassExtensions": "False", "CompressJson": "False"])
        + options(.global("AMS"), [.egi17], ["Host", "Token", "Project", "Topic", "Bulk", "PackSingleMsg", "VerifyServerCert"],
                  defaults: ["Bulk": "100", "PackSingleMsg": "True", "VerifyServerCert": "True"])
        + options(.global("WebAPI"), both, ["Host", "Token", "VerifyServerCert"], defaults: ["VerifyServerCert": "True"])
        + options(.global("Authentication"), both, ["VerifyServerCert", "CAFile", "CAPath", "HostKey", "HostCert", "UsePlainHttpAuth", "HttpUser", "HttpPass"],
                  defaults: ["VerifyServerCert": "False", "UsePlainHttpAuth": "False"])
        + options(.global("Authentication"), [.egi17], ["PoemToken"])
        + options(.global("Connection"), both, ["Timeout", "Retry", "SleepRetry", "TransferTimeout", "MaxPages", "MaxRecords"],
                  defaults: ["Timeout": "180", "Retry": "3", "SleepRetry": "60", "TransferTimeout": "\(ConnectionSettings.defaultTransferTimeoutSeconds)",
                             "MaxPages": "\(ConnectionSettings.defaultMaxPages)", "MaxRecords": "\(ConnectionSettings.defaultMaxRecords)"])
        + options(.global("Connection"), [.argo231], ["RetryRandom", "SleepRandomRetryMax"], defaults: ["RetryRandom": "False", "SleepRandomRetryMax": "0"])
        + options(.global("InputState"), both, ["SaveDir", "Days"], defaults: ["Days": "3"])
        + options(.global("AvroSchemas"), [.egi17], outputs17)
        + options(.global("Output"), [.egi17], outputs17)
        + options(.global("Output"), [.argo231], ["Downtimes", "MetricProfile", "TopologyGroupOfEndpoints", "TopologyGroupOfGroups", "Weights"])
        + options(.customer, both, ["Name", "OutputDir", "Jobs", "WebAPIHost", "WebAPIToken", "AuthenticationUsePlainHttpAuth",
                                    "AuthenticationHttpUser", "AuthenticationHttpPass"])
        + options(.customer, [.egi17], ["AmsHost", "AmsToken", "AmsProject", "AmsTopic", "AmsBulk", "AmsPackSingleMsg", "AuthenticationPoemToken"])
        + options(.customer, [.argo231], ["TopoType", "TopoFetchType", "TopoFeed", "TopoFeedPaging", "TopoFeedSites", "TopoFeedServiceEndpoints",
                                          "TopoFeedServiceGroups", "TopoFeedServiceEndpointsExtensions", "TopoScope", "TopoUIDServiceEndpoints",
                                          "TopoTiers", "HonorNotificationFlag", "ServiceTypesFeed", "DowntimesFeed", "Vaporpi", "WeightsEmpty",
                                          "DowntimesEmpty", "BDII", "BDIIHost", "BDIIPort", "BDIIQueryBase", "BDIIQueryFilterSRM",
                                          "BDIIQueryAttributesSRM", "BDIIQueryFilterSEPATH", "BDIIQueryAttributesSEPATH",
                                          "OIDCRefreshToken", "OIDCTokenEndpoint", "OIDCClientId"],
                  defaults: ["TopoFeedPaging": "False", "TopoUIDServiceEndpoints": "False", "HonorNotificationFlag": "False",
                             "WeightsEmpty": "False", "DowntimesEmpty": "False"])
        + options(.job, both, ["Dirname", "Profiles"])
        + options(.job, [.egi17], ["PoemNamespace", "PoemServerHost", "PoemServerVO", "TopoFetchType", "TopoSelectGroupOfGroups",
                                   "TopoSelectGroupOfEndpoints", "TopoFeed", "TopoFeedPaging", "DowntimesFeed", "WeightsFeed"],
                  defaults: ["TopoFetchType": "Sites", "TopoFeed": "https://goc.egi.eu/gocdbpi/", "TopoFeedPaging": "False",
                             "DowntimesFeed": "https://goc.egi.eu/gocdbpi/"])
        + options(.job, [.argo231], ["MetricProfileNamespace"])

    /// The global.conf sections, as documented.
    static var globalSections: [String] {
        var names: [String] = []
        for option in all {
            if case .global(let section) = option.place, !names.contains(section) { names.append(section) }
        }
        return names
    }

    /// The options of `place` (any generation).
    package static func at(_ place: Place) -> [Option] { all.filter { $0.place == place } }

    /// The option `name` (any case) at `place`.
    static func option(_ name: String, at place: Place) -> Option? {
        all.first { $0.place == place && $0.name.lowercased() == name.lowercased() }
    }

    /// Where else `name` is an option, for "is a job option" messages.
    static func places(of name: String) -> [Place] {
        var places: [Place] = []
        for option in all where option.name.lowercased() == name.lowercased() && !places.contains(option.place) { places.append(option.place) }
        return places
    }

    /// The options that give a connector of `data` something to fetch (either generation's).
    static func feedOptions(of data: DataKind) -> Set<String> {
        switch data {
        case .topology: ["TopoFeed", "TopoFeedSites", "TopoFeedServiceEndpoints", "TopoFeedServiceGroups", "TopoFeedServiceEndpointsExtensions",
                         "TopoType", "TopoFetchType"]
        case .downtimes: ["DowntimesFeed"]
        case .weights: ["WeightsFeed", "Vaporpi"]
        case .metricProfiles: ["Profiles", "PoemServerHost"]
        case .serviceTypes: ["ServiceTypesFeed", "TopoFeed"]
        }
    }
}
