import ArgoModel

/// Where one job's outputs go, resolved from the configuration before any
/// sink sees them: sinks know paths and endpoints, not configuration files.
package struct JobDestination: Sendable {
    /// `Customer:X Job:Y`, the prefix of every log line about the job.
    package let label: String
    /// The job's Dirname: its folder, and AMS's `report` attribute.
    package let report: String
    package let date: RunDate
    /// `OutputDir/Dirname`.
    package let directory: String
    /// Each output's file name, its DATE filled in.
    package let fileNames: [OutputKind: String]
    /// The customer's AMS, when its settings are complete.
    package let ams: AmsDestination?
    /// The AMS options missing when `ams` is nil.
    package let amsMissingOptions: [String]
    /// The customer (its section), the WEB-API's tenant.
    package var customer = ""
    /// The customer's WEB-API, when its settings are complete.
    package var webAPI: WebAPIDestination?
    /// The WEB-API options missing when `webAPI` is nil.
    package var webAPIMissingOptions: [String] = []

    package init(label: String, report: String, date: RunDate, directory: String, fileNames: [OutputKind: String],
                ams: AmsDestination?, amsMissingOptions: [String] = []) {
        self.label = label
        self.report = report
        self.date = date
        self.directory = directory
        self.fileNames = fileNames
        self.ams = ams
        self.amsMissingOptions = amsMissingOptions
    }

    /// The file an output is written to.
    package func filePath(_ kind: OutputKind) -> String {
        "\(directory)/\(fileNames[kind] ?? GlobalConfig.defaultOutputName(kind, date: date))"
    }

    /// The JSON twin of an output's file: its extension replaced by `.json`.
    package func jsonFilePath(_ kind: OutputKind) -> String {
        let path = filePath(kind)
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + ".json" }
        return path[..<dot] + ".json"
    }

    /// The attributes of every AMS message carrying `kind`.
    package func amsAttributes(_ kind: OutputKind) -> [(String, String)] {
        [("type", kind.amsType), ("report", report), ("partition_date", date.description)]
    }
}

extension JobDestination {
    /// The destination of `job` of `customer` on `date` under `global`.
    package init(_ target: JobTarget, global: GlobalConfig) {
        var directory = target.customer.outputDir
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        let names = Dictionary(uniqueKeysWithValues: OutputKind.allCases.map { ($0, global.outputFileName($0, date: target.date)) })
        self.init(label: target.label, report: target.job.dirname, date: target.date,
                  directory: "\(directory)/\(target.job.dirname)", fileNames: names,
                  ams: AmsDestination(target.customer.ams), amsMissingOptions: target.customer.ams.missingOptions)
        customer = target.customer.section
        webAPI = WebAPIDestination(target.customer.webAPI)
        webAPIMissingOptions = target.customer.webAPI.missingOptions
    }
}
