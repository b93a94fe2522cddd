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
    static let generation231Markers = [CoreOption.General.passExtensions, CoreOption.General.compressJSON, CoreOption.Connection.retryRandom]
        .compactMap { option in option.globalSection.map { ($0, option.name) } } + [("Output", "MetricProfile")]

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
            passExtensions = general.bool(CoreOption.General.passExtensions)
            compressJSON = general.bool(CoreOption.General.compressJSON)
        }
        publishAms = generation == .egi17 && general.bool(CoreOption.General.publishAms)
        writeAvro = generation == .egi17 && general.bool(CoreOption.General.writeAvro)
        shrinkLimit = general.int(CoreOption.General.shrinkLimit)
        if shrinkLimit > 100 {
            log.error(path, general.line(CoreOption.General.shrinkLimit), "[General] ShrinkLimit = \(shrinkLimit) is a percentage: 0 (off) to 100")
        }
        publishWebAPI = general.bool(CoreOption.General.publishWebAPI)
        writeJSON = general.bool(CoreOption.General.writeJSON)
        if generation == .argo231 && !publishWebAPI && !writeJSON {
            log.error(path, general.line(CoreOption.General.writeJSON) ?? general.sectionLine,
                      "[General] WriteJson and PublishWebAPI are both off: nothing would be delivered")
        } else if !publishAms && !writeAvro && !publishWebAPI && !writeJSON {
            log.error(path, general.line(CoreOption.General.writeAvro) ?? general.sectionLine,
                      "[General] PublishAms, WriteAvro, PublishWebAPI and WriteJson are all off: nothing would be delivered")
        }
        readAms(SectionReader(ini: ini, globalSection: "AMS", log: log))
        let webAPISection = SectionReader(ini: ini, globalSection: "WebAPI", log: log)
        webAPI = WebAPISettings(host: webAPISection.string(CoreOption.WebAPI.host), token: webAPISection.string(CoreOption.WebAPI.token),
                                verifyServerCert: webAPISection.bool(CoreOption.WebAPI.verifyServerCert))
        readAuthentication(SectionReader(ini: ini, globalSection: "Authentication", log: log))
        let connectionSection = SectionReader(ini: ini, globalSection: "Connection", log: log)
        typealias Connection = CoreOption.Connection
        connection.timeoutSeconds = connectionSection.int(Connection.timeout)
        if generation == .egi17 {
            connection.retries = connectionSection.int(Connection.retry)
        } else {
            // In 2.3.1 Retry counts every attempt (Retry = 2: two requests).
            connection.retries = max(0, connectionSection.int(Connection.retry, minimum: 1) - 1)
            // RetryRandom with SleepRandomRetryMax: random waits instead of SleepRetry.
            let maxWait = connectionSection.int(Connection.sleepRandomRetryMax)
            if connectionSection.bool(Connection.retryRandom) { connection.randomSleepRetryMaxSeconds = maxWait }
        }
        connection.sleepRetrySeconds = Double(connectionSection.int(Connection.sleepRetry))
        connection.transferTimeoutSeconds = connectionSection.int(Connection.transferTimeout)
        connection.maxPages = connectionSection.int(Connection.maxPages)
        connection.maxRecords = connectionSection.int(Connection.maxRecords)
        let state = SectionReader(ini: ini, globalSection: "InputState", log: log)
        stateSaveDir = state.string(CoreOption.InputState.saveDir)
        stateDays = state.int(CoreOption.InputState.days)
        readSchemasAndOutputs(ini: ini, log: log)
    }

    private mutating func readAms(_ section: SectionReader) {
        typealias AMS = CoreOption.AMS
        ams.host = section.string(AMS.host)
        ams.token = section.string(AMS.token)
        ams.project = section.string(AMS.project)
        ams.topic = section.string(AMS.topic)
        ams.bulk = section.int(AMS.bulk)
        ams.packSingleMessage = section.bool(AMS.packSingleMsg)
        ams.verifyServerCert = section.bool(AMS.verifyServerCert)
    }

    private mutating func readAuthentication(_ section: SectionReader) {
        typealias Authentication = CoreOption.Authentication
        authentication.verifyServerCert = section.bool(Authentication.verifyServerCert)
        authentication.caPath = section.string(Authentication.caPath)
        authentication.caFile = section.string(Authentication.caFile)
        authentication.hostKey = section.string(Authentication.hostKey)
        authentication.hostCert = section.string(Authentication.hostCert)
        authentication.usePlainHTTPAuth = section.bool(Authentication.usePlainHttpAuth)
        authentication.httpUser = section.string(Authentication.httpUser)
        authentication.httpPass = section.string(Authentication.httpPass)
        authentication.poemToken = section.string(Authentication.poemToken)
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
