import ArgoModel

/// Where a job's files go: `OutputDir/Dirname/<[Output] name, DATE filled
/// in>`, and their JSON files as the generation names them.
struct OutputFiles: Sendable {
    let global: GlobalConfig

    package init(_ global: GlobalConfig) { self.global = global }

    /// The file an output is written to.
    package func path(_ kind: OutputKind, for target: JobTarget) -> String {
        "\(target.outputDirectory)/\(global.outputFileName(kind, date: target.date))"
    }

    /// The JSON file an output is written to (`WriteJson`).
    func jsonPath(_ kind: OutputKind, for target: JobTarget) -> String {
        global.jsonFileNaming.fileName(of: path(kind, for: target))
    }
}
