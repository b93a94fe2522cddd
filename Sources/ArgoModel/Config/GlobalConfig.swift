/// `global.conf`.
package struct GlobalConfig: Sendable {
    package var path: String
    /// 1.7 (with `[AvroSchemas]`), or argo-connectors 2.3.1 (no `[AvroSchemas]`,
    /// and one of its own options: PassExtensions, CompressJson, RetryRandom, MetricProfile).
    package var generation = ConfigGeneration.egi17
    /// `[General] PassExtensions` (2.3.1): GOCDB EXTENSIONS as `info_ext_*` tags.
    package var passExtensions = false
    /// `[General] CompressJson` (2.3.1): JSON files gzipped, named `<name>.gz`.
    var compressJSON = false
    package var publishAms = false
    package var writeAvro = true
    /// `[General] PublishWebAPI`: also POST topology, downtimes and weights to the ARGO WEB-API.
    package var publishWebAPI = false
    /// `[General] WriteJson`: also write each output as a JSON file beside its Avro file.
    package var writeJSON = false
    var webAPI = WebAPISettings()
    /// `[General] ShrinkLimit`: the percentage of its records a topology or
    /// weights output may lose from one run to the next; 0 turns the guard off.
    package var shrinkLimit = 50
    package var ams = AmsSettings()
    package var authentication = AuthenticationSettings()
    package var connection = ConnectionSettings()
    package var stateSaveDir: String?
    package var stateDays = 3
    var schemaPaths: [OutputKind: String] = [:]
    var outputNames: [OutputKind: String] = [:]
    /// Lines of the `[AvroSchemas]` entries, for problems found when the schemas are read.
    var schemaLines: [OutputKind: Int] = [:]
    var outputLines: [OutputKind: Int] = [:]

    /// The file name for an output on a date (`DATE` → `YYYY_MM_DD`).
    package func outputFileName(_ kind: OutputKind, date: RunDate) -> String {
        outputNames[kind].map { $0.replacing("DATE", with: date.underscored) } ?? Self.defaultOutputName(kind, date: date)
    }

    /// The name used when `[Output]` names none (validation requires one).
    static func defaultOutputName(_ kind: OutputKind, date: RunDate) -> String {
        "\(kind.rawValue.lowercased())_\(date.underscored).avro"
    }

    /// The options only an argo-connectors 2.3.1 global.conf has.
    static let generation231Markers = [("General", "PassExtensions"), ("General", "CompressJson"), ("Connection", "RetryRandom"),
                                       ("Output", "MetricProfile")]

    init(ini: INIFile, log: DiagnosticLog) {
        path = ini.path
        let hasSchemas = ini.sectionName(caseInsensitive: "AvroSchemas") != nil
        let has231Option = Self.generation231Markers.contains { section, option in
            ini.sectionName(caseInsensitive: section).flatMap { ini.rawEntry(section: $0, option: option) } != nil
        }
        generation = !hasSchemas && has231Option ? .argo231 : .egi17
        let general = SectionReader(ini: ini, globalSection: "General", log: log)
        if !general.exists { log.error(path, nil, "missing section [General]") }
        if generation == .argo231 {
            passExtensions = general.bool("PassExtensions", default: false)
            compressJSON = general.bool("CompressJson", default: false)
        }
        publishAms = generation == .egi17 && general.bool("PublishAms", default: false)
        writeAvro = generation == .egi17 && general.bool("WriteAvro", default: true)
        shrinkLimit = general.int("ShrinkLimit", default: 50, minimum: 0)
        if shrinkLimit > 100 {
            log.error(path, general.line("ShrinkLimit"), "[General] ShrinkLimit = \(shrinkLimit) is a percentage: 0 (off) to 100")
        }
        publishWebAPI = general.bool("PublishWebAPI", default: false)
        writeJSON = general.bool("WriteJson", default: false)
        if generation == .argo231 && !publishWebAPI && !writeJSON {
            log.error(path, general.line("WriteJson") ?? general.sectionLine,
                      "[General] WriteJson and PublishWebAPI are both off: nothing would be delivered")
        } else if !publishAms && !writeAvro && !publishWebAPI && !writeJSON {
            log.error(path, general.line("WriteAvro") ?? general.sectionLine,
                      "[General] PublishAms, WriteAvro, PublishWebAPI and WriteJson are all off: nothing would be delivered")
        }
        readAms(SectionReader(ini: ini, globalSection: "AMS", log: log))
        let webAPISection = SectionReader(ini: ini, globalSection: "WebAPI", log: log)
        webAPI = WebAPISettings(host: webAPISection.string("Host"), token: webAPISection.string("Token"),
                                verifyServerCert: webAPISection.bool("VerifyServerCert", default: true))
        readAuthentication(SectionReader(ini: ini, globalSection: "Authentication", log: log))
        let connectionSection = SectionReader(ini: ini, globalSection: "Connection", log: log)
        connection.timeoutSeconds = connectionSection.int("Timeout", default: 180, minimum: 1)
        if generation == .egi17 {
            connection.retries = connectionSection.int("Retry", default: 3)
        } else {
            // In 2.3.1 Retry counts every attempt (Retry = 2: two requests).
            connection.retries = max(0, connectionSection.int("Retry", default: 3, minimum: 1) - 1)
            // RetryRandom with SleepRandomRetryMax: random waits instead of SleepRetry.
            let maxWait = connectionSection.int("SleepRandomRetryMax", default: 0)
            if connectionSection.bool("RetryRandom", default: false) { connection.randomSleepRetryMaxSeconds = maxWait }
        }
        connection.sleepRetrySeconds = Double(connectionSection.int("SleepRetry", default: 60))
        connection.transferTimeoutSeconds = connectionSection.int("TransferTimeout", default: ConnectionSettings.defaultTransferTimeoutSeconds,
                                                                  minimum: 1)
        connection.maxPages = connectionSection.int("MaxPages", default: ConnectionSettings.defaultMaxPages, minimum: 1)
        connection.maxRecords = connectionSection.int("MaxRecords", default: ConnectionSettings.defaultMaxRecords, minimum: 1)
        let state = SectionReader(ini: ini, globalSection: "InputState", log: log)
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
        ams.verifyServerCert = section.bool("VerifyServerCert", default: true)
    }

    private mutating func readAuthentication(_ section: SectionReader) {
        authentication.verifyServerCert = section.bool("VerifyServerCert", default: false)
        authentication.caPath = section.string("CAPath")
        authentication.caFile = section.string("CAFile")
        authentication.hostKey = section.string("HostKey")
        authentication.hostCert = section.string("HostCert")
        authentication.usePlainHTTPAuth = section.bool("UsePlainHttpAuth", default: false)
        authentication.httpUser = section.string("HttpUser")
        authentication.httpPass = section.string("HttpPass")
        authentication.poemToken = section.string("PoemToken")
    }

    private mutating func readSchemasAndOutputs(ini: INIFile, log: DiagnosticLog) {
        let schemas = SectionReader(ini: ini, globalSection: "AvroSchemas", log: log)
        let outputs = SectionReader(ini: ini, globalSection: "Output", log: log)
        if !outputs.exists { log.error(path, nil, "missing section [Output]") }
        if !schemas.exists && generation == .egi17 {
            log.error(path, nil, "missing section [AvroSchemas] (an argo-connectors 2.3.1 global.conf has none; it has PassExtensions, CompressJson and RetryRandom instead)")
        }
        for kind in OutputKind.fileOutputs {
            // A missing or bad entry stops only the connector writing that output.
            log.within(.connector(kind.data)) {
                if schemas.exists, let schemaPath = schemas.required(kind.rawValue) {
                    schemaPaths[kind] = schemaPath
                    schemaLines[kind] = schemas.line(kind.rawValue)
                }
                let key = kind.outputOption(generation)
                if outputs.exists, let name = outputs.required(key) {
                    if !name.contains("DATE") {
                        log.error(path, outputs.line(key), "[Output] \(key) = '\(name)' must contain DATE, or each day would overwrite the last")
                    } else if name.contains("/") {
                        log.error(path, outputs.line(key), "[Output] \(key) = '\(name)' must be a file name, not a path")
                    }
                    outputNames[kind] = name
                    outputLines[kind] = outputs.line(key)
                }
            }
        }
        checkOutputNamesDiffer(log: log)
    }

    /// How the outputs' JSON files are named (with `WriteJson`).
    package var jsonFileNaming: JSONFileNaming {
        switch generation {
        case .egi17: .avroTwin
        case .argo231: compressJSON ? .gzippedOutput : .output
        }
    }

    /// The files one job writes: no two outputs, nor an output and a JSON
    /// twin, may have one name (the second write would replace the first).
    private func checkOutputNamesDiffer(log: DiagnosticLog) {
        var writers: [String: String] = [:]
        for kind in OutputKind.fileOutputs {
            guard let name = outputNames[kind] else { continue }
            var files: [(String, String)] = []
            if writeAvro { files.append((name, kind.rawValue)) }
            if writeJSON { files.append((jsonFileNaming.fileName(of: name), jsonFileNaming == .avroTwin ? "the JSON twin of \(kind.rawValue)" : kind.rawValue)) }
            for (file, writer) in files {
                if let other = writers[file] {
                    log.error(path, outputLines[kind], "[Output] \(kind.rawValue) = '\(name)': \(writer) and \(other) would both write \(file)")
                } else {
                    writers[file] = writer
                }
            }
        }
    }
}
