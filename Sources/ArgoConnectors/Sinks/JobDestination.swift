import ArgoModel

/// Where one job's outputs go, resolved from the configuration by the job
/// runner before any sink sees them: sinks know paths and endpoints, not
/// configuration.
package struct JobDestination: Sendable {
    /// The job's Dirname: its folder, and AMS's `report` attribute.
    package let report: String
    package let date: RunDate
    /// `OutputDir/Dirname`.
    package let directory: String
    /// Each output's file name, its DATE filled in (every kind the job writes).
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
    package var jsonFileNaming = JSONFileNaming.avroTwin

    package init(report: String, date: RunDate, directory: String, fileNames: [OutputKind: String],
                 ams: AmsDestination?, amsMissingOptions: [String] = []) {
        self.report = report
        self.date = date
        self.directory = directory
        self.fileNames = fileNames
        self.ams = ams
        self.amsMissingOptions = amsMissingOptions
    }

    /// The file an output is written to.
    package func filePath(_ kind: OutputKind) -> String {
        "\(directory)/\(fileNames[kind] ?? kind.rawValue)"
    }

    /// The JSON file an output is written to, as `jsonFileNaming` says.
    package func jsonFilePath(_ kind: OutputKind) -> String {
        jsonFileNaming.fileName(of: filePath(kind))
    }

    /// The attributes of every AMS message carrying `kind`.
    package func amsAttributes(_ kind: OutputKind) -> [(String, String)] {
        [("type", kind.amsType), ("report", report), ("partition_date", date.description)]
    }
}
