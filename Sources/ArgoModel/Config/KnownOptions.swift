/// Every option the tool reads, where it belongs and in which generation:
/// what `validate-config` holds each file's options against, so that a
/// typo or a misplaced option is never silently ignored: the options of
/// global.conf and the customer and job options every connector shares
/// (`CoreOption`), and each source's own (`SourceDeclarations`).
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

    /// global.conf's options, and the customer and job options that are no one source's.
    static let core = CoreOption.all

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
        if data == .topology { names.formUnion([CoreOption.Customer.topoType.name, CoreOption.Customer.topoFetchType.name]) }
        if data == .metricProfiles { names.insert(CoreOption.Job.profiles.name) }
        return names
    }
}
