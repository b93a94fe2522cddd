import FoundationEssentials

/// The five outputs the connectors produce; the raw value is the key used
/// in `[AvroSchemas]` and `[Output]`.
public enum OutputKind: String, CaseIterable, Sendable {
    case downtimes = "Downtimes"
    case poem = "Poem"
    case groupOfEndpoints = "TopologyGroupOfEndpoints"
    case groupOfGroups = "TopologyGroupOfGroups"
    case weights = "Weights"

    /// The `type` attribute of AMS messages carrying this output.
    public var amsType: String {
        switch self {
        case .downtimes: return "downtimes"
        case .poem: return "metric_profile"
        case .groupOfEndpoints: return "group_endpoints"
        case .groupOfGroups: return "group_groups"
        case .weights: return "weights"
        }
    }
}

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

public struct AuthenticationSettings: Equatable, Sendable {
    public var verifyServerCert = false
    public var caPath: String?
    public var caFile: String?
    public var hostKey: String?
    public var hostCert: String?
    public var usePlainHttpAuth = false
    public var httpUser: String?
    public var httpPass: String?
    public var poemToken: String?
}

/// `[Connection]`: how long to wait and how often to try again.
public struct ConnectionSettings: Equatable, Sendable {
    /// `Timeout`: seconds for connecting and for the whole transfer.
    public var timeoutSeconds = 180
    /// `Retry`: extra attempts after the first.
    public var retries = 3
    /// `SleepRetry`: seconds between attempts.
    public var sleepRetrySeconds: Double = 60

    public init(timeoutSeconds: Int = 180, retries: Int = 3, sleepRetrySeconds: Double = 60) {
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
        self.sleepRetrySeconds = sleepRetrySeconds
    }
}

/// `global.conf`.
public struct GlobalConfig: Sendable {
    public var path: String
    public var publishAms = false
    public var writeAvro = true
    public var ams = AmsSettings()
    public var authentication = AuthenticationSettings()
    public var connection = ConnectionSettings()
    public var stateSaveDir: String?
    public var stateDays = 3
    public var schemaPaths: [OutputKind: String] = [:]
    public var outputNames: [OutputKind: String] = [:]
    /// Lines of the `[AvroSchemas]` entries, for problems found when the schemas are read.
    var schemaLines: [OutputKind: Int] = [:]

    /// The file name for an output on a date (`DATE` → `YYYY_MM_DD`).
    public func outputFileName(_ kind: OutputKind, date: RunDate) -> String {
        outputNames[kind].map { $0.replacing("DATE", with: date.underscored) } ?? Self.defaultOutputName(kind, date: date)
    }

    /// The name used when `[Output]` names none (validation requires one).
    public static func defaultOutputName(_ kind: OutputKind, date: RunDate) -> String {
        "\(kind.rawValue.lowercased())_\(date.underscored).avro"
    }

    init(ini: INIFile, log: DiagnosticLog) {
        path = ini.path
        let general = SectionReader(ini: ini, section: "General", log: log)
        if !general.exists { log.error(path, nil, "missing section [General]") }
        publishAms = general.bool("PublishAms", default: false)
        writeAvro = general.bool("WriteAvro", default: true)
        if !publishAms && !writeAvro {
            log.error(path, general.line("WriteAvro") ?? general.sectionLine, "[General] PublishAms and WriteAvro are both off: nothing would be delivered")
        }
        readAms(SectionReader(ini: ini, section: "AMS", log: log))
        readAuthentication(SectionReader(ini: ini, section: "Authentication", log: log))
        let connectionSection = SectionReader(ini: ini, section: "Connection", log: log)
        connection.timeoutSeconds = connectionSection.int("Timeout", default: 180, minimum: 1)
        connection.retries = connectionSection.int("Retry", default: 3)
        connection.sleepRetrySeconds = Double(connectionSection.int("SleepRetry", default: 60))
        let state = SectionReader(ini: ini, section: "InputState", log: log)
        stateSaveDir = state.string("SaveDir")
        stateDays = state.int("Days", default: 3, minimum: 1)
        readSchemasAndOutputs(ini: ini, log: log)
    }

    private mutating func readAms(_ section: SectionReader) {
        ams.host = section.string("Host")
        ams.token = section.string("Token")
        ams.project = section.string("Project")
        ams.topic = section.string("Topic")
        ams.bulk = section.int("Bulk", default: 100, minimum: 1)
        ams.packSingleMessage = section.bool("PackSingleMsg", default: true)
    }

    private mutating func readAuthentication(_ section: SectionReader) {
        authentication.verifyServerCert = section.bool("VerifyServerCert", default: false)
        authentication.caPath = section.string("CAPath")
        authentication.caFile = section.string("CAFile")
        authentication.hostKey = section.string("HostKey")
        authentication.hostCert = section.string("HostCert")
        authentication.usePlainHttpAuth = section.bool("UsePlainHttpAuth", default: false)
        authentication.httpUser = section.string("HttpUser")
        authentication.httpPass = section.string("HttpPass")
        authentication.poemToken = section.string("PoemToken")
    }

    private mutating func readSchemasAndOutputs(ini: INIFile, log: DiagnosticLog) {
        let schemas = SectionReader(ini: ini, section: "AvroSchemas", log: log)
        let outputs = SectionReader(ini: ini, section: "Output", log: log)
        for (reader, name) in [(schemas, "AvroSchemas"), (outputs, "Output")] where !reader.exists {
            log.error(path, nil, "missing section [\(name)]")
        }
        for kind in OutputKind.allCases {
            if schemas.exists, let schemaPath = schemas.required(kind.rawValue) {
                schemaPaths[kind] = schemaPath
                schemaLines[kind] = schemas.line(kind.rawValue)
            }
            if outputs.exists, let name = outputs.required(kind.rawValue) {
                if !name.contains("DATE") {
                    log.error(path, outputs.line(kind.rawValue), "[Output] \(kind.rawValue) = '\(name)' must contain DATE, or each day would overwrite the last")
                } else if name.contains("/") {
                    log.error(path, outputs.line(kind.rawValue), "[Output] \(kind.rawValue) = '\(name)' must be a file name, not a path")
                }
                outputNames[kind] = name
            }
        }
    }
}
