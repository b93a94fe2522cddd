/// The options of global.conf, and the customer and job options no source
/// owns, each declared once: `KnownOptions.core` lists them, and
/// `GlobalConfig` and `CustomersFile` read them by these declarations
/// (names, defaults and minimums said here alone).
package enum CoreOption {
    private static let both: Set<ConfigGeneration> = [.egi17, .argo231]

    package enum General {
        package static let publishAms = SourceOption("PublishAms", at: .global("General"), [.egi17], kind: .flag, default: "False")
        package static let writeAvro = SourceOption("WriteAvro", at: .global("General"), [.egi17], kind: .flag, default: "True")
        package static let publishWebAPI = SourceOption("PublishWebAPI", at: .global("General"), both, kind: .flag, default: "False")
        package static let writeJSON = SourceOption("WriteJson", at: .global("General"), both, kind: .flag, default: "False")
        package static let shrinkLimit = SourceOption("ShrinkLimit", at: .global("General"), both, kind: .number(minimum: 0), default: "50")
        package static let passExtensions = SourceOption("PassExtensions", at: .global("General"), [.argo231], kind: .flag, default: "False")
        package static let compressJSON = SourceOption("CompressJson", at: .global("General"), [.argo231], kind: .flag, default: "False")
    }

    package enum AMS {
        package static let host = SourceOption("Host", at: .global("AMS"), [.egi17])
        package static let token = SourceOption("Token", at: .global("AMS"), [.egi17], secret: true)
        package static let project = SourceOption("Project", at: .global("AMS"), [.egi17])
        package static let topic = SourceOption("Topic", at: .global("AMS"), [.egi17])
        package static let bulk = SourceOption("Bulk", at: .global("AMS"), [.egi17], kind: .number(minimum: 1), default: "100")
        package static let packSingleMsg = SourceOption("PackSingleMsg", at: .global("AMS"), [.egi17], kind: .flag, default: "True")
        package static let verifyServerCert = SourceOption("VerifyServerCert", at: .global("AMS"), [.egi17], kind: .flag, default: "True")
    }

    package enum WebAPI {
        package static let host = SourceOption("Host", at: .global("WebAPI"), both)
        package static let token = SourceOption("Token", at: .global("WebAPI"), both, secret: true)
        package static let verifyServerCert = SourceOption("VerifyServerCert", at: .global("WebAPI"), both, kind: .flag, default: "True")
    }

    package enum Authentication {
        package static let verifyServerCert = SourceOption("VerifyServerCert", at: .global("Authentication"), both, kind: .flag, default: "False")
        package static let caFile = SourceOption("CAFile", at: .global("Authentication"), both)
        package static let caPath = SourceOption("CAPath", at: .global("Authentication"), both)
        package static let hostKey = SourceOption("HostKey", at: .global("Authentication"), both)
        package static let hostCert = SourceOption("HostCert", at: .global("Authentication"), both)
        package static let usePlainHttpAuth = SourceOption("UsePlainHttpAuth", at: .global("Authentication"), both, kind: .flag, default: "False")
        package static let httpUser = SourceOption("HttpUser", at: .global("Authentication"), both)
        package static let httpPass = SourceOption("HttpPass", at: .global("Authentication"), both, secret: true)
        package static let poemToken = SourceOption("PoemToken", at: .global("Authentication"), [.egi17], secret: true)
    }

    package enum Connection {
        package static let timeout = SourceOption("Timeout", at: .global("Connection"), both, kind: .number(minimum: 1), default: "180")
        /// 1.7: retries after the first attempt (0 allowed); 2.3.1: every attempt (at least 1).
        package static let retry = SourceOption("Retry", at: .global("Connection"), both, kind: .number(minimum: 0), default: "3")
        package static let sleepRetry = SourceOption("SleepRetry", at: .global("Connection"), both, kind: .number(minimum: 0), default: "60")
        package static let transferTimeout = SourceOption("TransferTimeout", at: .global("Connection"), both, kind: .number(minimum: 1),
                                                  default: "\(ConnectionSettings.defaultTransferTimeoutSeconds)")
        package static let maxPages = SourceOption("MaxPages", at: .global("Connection"), both, kind: .number(minimum: 1), default: "\(ConnectionSettings.defaultMaxPages)")
        package static let maxRecords = SourceOption("MaxRecords", at: .global("Connection"), both, kind: .number(minimum: 1),
                                             default: "\(ConnectionSettings.defaultMaxRecords)")
        package static let retryRandom = SourceOption("RetryRandom", at: .global("Connection"), [.argo231], kind: .flag, default: "False")
        package static let sleepRandomRetryMax = SourceOption("SleepRandomRetryMax", at: .global("Connection"), [.argo231], kind: .number(minimum: 0), default: "0")
    }

    package enum InputState {
        package static let saveDir = SourceOption("SaveDir", at: .global("InputState"), both)
        package static let days = SourceOption("Days", at: .global("InputState"), both, kind: .number(minimum: 1), default: "3")
    }

    /// A customer's own options and its overrides of global.conf's (`AmsHost` for `[AMS] Host`…).
    package enum Customer {
        package static let name = SourceOption("Name", at: .customer, both)
        package static let outputDir = SourceOption("OutputDir", at: .customer, both)
        package static let jobs = SourceOption("Jobs", at: .customer, both, kind: .list)
        package static let webAPIHost = SourceOption("WebAPIHost", at: .customer, both)
        package static let webAPIToken = SourceOption("WebAPIToken", at: .customer, both, secret: true)
        package static let usePlainHttpAuth = SourceOption("AuthenticationUsePlainHttpAuth", at: .customer, both, kind: .flag)
        package static let httpUser = SourceOption("AuthenticationHttpUser", at: .customer, both)
        package static let httpPass = SourceOption("AuthenticationHttpPass", at: .customer, both, secret: true)
        package static let amsHost = SourceOption("AmsHost", at: .customer, [.egi17])
        package static let amsToken = SourceOption("AmsToken", at: .customer, [.egi17], secret: true)
        package static let amsProject = SourceOption("AmsProject", at: .customer, [.egi17])
        package static let amsTopic = SourceOption("AmsTopic", at: .customer, [.egi17])
        package static let amsBulk = SourceOption("AmsBulk", at: .customer, [.egi17], kind: .number(minimum: 1))
        package static let amsPackSingleMsg = SourceOption("AmsPackSingleMsg", at: .customer, [.egi17], kind: .flag)
        package static let poemToken = SourceOption("AuthenticationPoemToken", at: .customer, [.egi17], secret: true)
        /// Which source a tenant's topology comes from, and what it fetches: the marks of a 2.3.1 tenant.
        package static let topoType = SourceOption("TopoType", at: .customer, [.argo231])
        package static let topoFetchType = SourceOption("TopoFetchType", at: .customer, [.argo231], kind: .list)
    }

    package enum Job {
        package static let dirname = SourceOption("Dirname", at: .job, both)
        package static let profiles = SourceOption("Profiles", at: .job, both, kind: .list)
        /// 2.3.1 read it and never used it.
        package static let metricProfileNamespace = SourceOption("MetricProfileNamespace", at: .job, [.argo231])
    }

    private static let outputs17 = ["Downtimes", "Poem", "TopologyGroupOfEndpoints", "TopologyGroupOfGroups", "Weights"]
    private static let outputs231 = ["Downtimes", "MetricProfile", "TopologyGroupOfEndpoints", "TopologyGroupOfGroups", "Weights"]

    /// Every core option, in the order `--dump` lists defaults and "did you mean" weighs names.
    static let all: [SourceOption] = [
        General.publishAms, General.writeAvro, General.publishWebAPI, General.writeJSON, General.shrinkLimit,
        General.passExtensions, General.compressJSON,
        AMS.host, AMS.token, AMS.project, AMS.topic, AMS.bulk, AMS.packSingleMsg, AMS.verifyServerCert,
        WebAPI.host, WebAPI.token, WebAPI.verifyServerCert,
        Authentication.verifyServerCert, Authentication.caFile, Authentication.caPath, Authentication.hostKey, Authentication.hostCert,
        Authentication.usePlainHttpAuth, Authentication.httpUser, Authentication.httpPass, Authentication.poemToken,
        Connection.timeout, Connection.retry, Connection.sleepRetry, Connection.transferTimeout, Connection.maxPages, Connection.maxRecords,
        Connection.retryRandom, Connection.sleepRandomRetryMax,
        InputState.saveDir, InputState.days,
    ]
        + outputs17.map { SourceOption($0, at: .global("AvroSchemas"), [.egi17]) }
        + outputs17.map { SourceOption($0, at: .global("Output"), [.egi17]) }
        + outputs231.map { SourceOption($0, at: .global("Output"), [.argo231]) }
        + [Customer.name, Customer.outputDir, Customer.jobs, Customer.webAPIHost, Customer.webAPIToken, Customer.usePlainHttpAuth,
           Customer.httpUser, Customer.httpPass, Customer.amsHost, Customer.amsToken, Customer.amsProject, Customer.amsTopic,
           Customer.amsBulk, Customer.amsPackSingleMsg, Customer.poemToken, Customer.topoType, Customer.topoFetchType,
           Job.dirname, Job.profiles, Job.metricProfileNamespace]
}

extension SectionReader {
    func string(_ option: SourceOption) -> String? { string(option.name) }
    func line(_ option: SourceOption) -> Int? { line(option.name) }
    func list(_ option: SourceOption) -> [String] { list(option.name) }
    func required(_ option: SourceOption) -> String? { required(option.name) }

    /// A flag, its declared default when not given (or `fallback`, for a customer's override of global.conf).
    func bool(_ option: SourceOption, default fallback: Bool? = nil) -> Bool { bool(option.name, default: fallback ?? option.defaultFlag) }

    /// A number, its declared default when not given (or `fallback`); at least its declared minimum (or `minimum`).
    func int(_ option: SourceOption, default fallback: Int? = nil, minimum: Int? = nil) -> Int {
        var declared = 0
        if case .number(let least) = option.kind { declared = least }
        return int(option.name, default: fallback ?? option.defaultNumber ?? 0, minimum: minimum ?? declared)
    }
}
