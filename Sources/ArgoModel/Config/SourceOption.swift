/// One option a source reads from a customer or job section, declared once
/// beside the connector that reads it (`Connector.options`). What the model
/// needs of it is here: where it stands, in which generation, how its text
/// is read and checked, what it defaults to, whether it is a secret and
/// whether it names a feed. `KnownOptions`, `validate-config --dump`, the
/// section readers and the URL and TLS checks all derive from these.
package struct SourceOption: Sendable, Hashable {
    /// How the option's text is read.
    package enum Kind: Sendable, Hashable {
        case text
        /// ConfigParser's getboolean.
        case flag
        case number(minimum: Int)
        /// Comma-separated, items trimmed.
        case list
        /// Comma-separated, items lower-cased (a single item is one item: 2.3.1 iterated its characters).
        case lowercasedList
        /// Space-separated.
        case words
        /// One of `choices`, in any case (kept as declared).
        case choice([String])
        /// `key:value` criteria (`TagSelection`).
        case tagSelection
    }

    /// What the option's value addresses, for the URL and TLS checks.
    package enum Address: Sendable, Hashable {
        case none
        /// A feed of `data`: an http, https or file URL (a local path too when
        /// `localPath`); https means the host certificate is needed.
        case feed([DataKind], localPath: Bool = false)
        /// A host alone or a URL (a host means https), not checked as a URL.
        case host([DataKind])
        /// A URL the connector of `data` asks besides its feed (a token endpoint): not a feed.
        case endpoint([DataKind])
    }

    package let name: String
    package let place: KnownOptions.Place
    package let generations: Set<ConfigGeneration>
    package let kind: Kind
    package let address: Address
    /// The value a run uses when the option is not given (`--dump`; flags and numbers read it too).
    package let defaultValue: String?
    /// Printed as `***` by `--dump`; its file must not be readable by others.
    package let isSecret: Bool
    /// The connector a bad value stops (a 1.7 job's options; a tenant's stop the customer).
    package let stops: DataKind?

    package init(_ name: String, at place: KnownOptions.Place, _ generations: Set<ConfigGeneration>, kind: Kind = .text, address: Address = .none,
                 default defaultValue: String? = nil, secret: Bool = false, stops: DataKind? = nil) {
        self.name = name
        self.place = place
        self.generations = generations
        self.kind = kind
        self.address = address
        self.defaultValue = defaultValue
        self.isSecret = secret
        self.stops = stops
    }

    /// The global.conf section it stands in, if any.
    var globalSection: String? {
        if case .global(let section) = place { return section }
        return nil
    }

    /// A flag's default (False when none is declared).
    var defaultFlag: Bool { defaultValue.flatMap(YesNo.parse) ?? false }
    /// A number's default.
    var defaultNumber: Int? { defaultValue.flatMap { Int($0) } }

    /// The data kinds whose feed it gives (empty for an endpoint or a plain option).
    var feeds: [DataKind] {
        switch address {
        case .feed(let data, _), .host(let data): data
        case .none, .endpoint: []
        }
    }

    /// The data kinds whose connector asks the URL it holds.
    var asks: [DataKind] {
        switch address {
        case .feed(let data, _), .host(let data), .endpoint(let data): data
        case .none: []
        }
    }

    /// The URL a connector asks with `text` (a host alone means https).
    func url(_ text: String) -> String {
        if case .host = address { return BaseURL.normalized(text) }
        return text
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name && lhs.place == rhs.place }
    package func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(place)
    }
}

/// A source option's value as read.
package enum SourceValue: Sendable, Equatable {
    case text(String)
    case flag(Bool)
    case number(Int)
    case list([String])
    case selection(TagSelection)
}

/// The source options a section gives, read by their declarations.
package struct SourceSettings: Sendable, Equatable {
    private var values: [String: SourceValue] = [:]

    package init() {}

    package subscript(_ option: SourceOption) -> SourceValue? {
        get { values[option.name] }
        set { values[option.name] = newValue }
    }

    /// Whether the section gives it (a flag given False counts).
    package func has(_ option: SourceOption) -> Bool { values[option.name] != nil }

    /// Whether the section gives it with something in it (a list of no item is none).
    package func gives(_ option: SourceOption) -> Bool { has(option) && values[option.name] != .list([]) }

    package func text(_ option: SourceOption) -> String? {
        if case .text(let text)? = values[option.name] { return text }
        return nil
    }

    /// A flag's value, its declared default when not given.
    package func flag(_ option: SourceOption) -> Bool {
        if case .flag(let value)? = values[option.name] { return value }
        return option.defaultFlag
    }

    /// A number's value, its declared default when not given.
    package func number(_ option: SourceOption) -> Int? {
        if case .number(let value)? = values[option.name] { return value }
        return option.defaultNumber
    }

    package func list(_ option: SourceOption) -> [String] {
        if case .list(let items)? = values[option.name] { return items }
        return []
    }

    package func selection(_ option: SourceOption) -> TagSelection {
        if case .selection(let selection)? = values[option.name] { return selection }
        return TagSelection()
    }

    /// A choice's value as declared, its default when not given.
    package func choice(_ option: SourceOption) -> String? { text(option) ?? option.defaultValue }
}

/// A rule over options that go together (all or none, one needs another,
/// values allowed for another's), declared beside the source it belongs to.
package struct SourceRule: Sendable {
    /// Which sections it checks.
    package enum Applies: Sendable, Hashable {
        /// Every 2.3.1 tenant.
        case everyTenant
        /// A tenant of this TopoType.
        case topoType(String)
        /// Every 1.7 job.
        case job
    }

    package let applies: Applies
    /// What a problem stops: the customer (nil) or this connector.
    package let stops: DataKind?
    package let check: @Sendable (SourceRuleContext) -> Void

    package init(_ applies: Applies, stops: DataKind? = nil, check: @escaping @Sendable (SourceRuleContext) -> Void) {
        self.applies = applies
        self.stops = stops
        self.check = check
    }
}

/// What a rule sees of one section and how it reports.
package struct SourceRuleContext {
    let reader: SectionReader
    package let settings: SourceSettings
    /// The tenant's TopoFetchType items (empty for a job).
    package let topoFetchTypes: [String]
    /// The job's Profiles (empty for a tenant).
    package let profiles: [String]

    package var sectionLine: Int? { reader.sectionLine }
    package func line(_ option: SourceOption) -> Int? { reader.line(option.name) }
    /// An error, `[SECTION] ` and `text`.
    package func error(_ line: Int?, _ text: String) { reader.log.error(reader.ini.path, line, "[\(reader.section)] \(text)") }
    package func warning(_ line: Int?, _ text: String) { reader.log.warning(reader.ini.path, line, "[\(reader.section)] \(text)") }
}

/// What the connectors declare of the configuration: the TopoTypes a tenant
/// may name, every source option once, and the rules between them. The
/// catalogue gives it (`ConnectorCatalogue.declarations`); the model names no source.
package struct SourceDeclarations: Sendable {
    package let topoTypes: [String]
    package let options: [SourceOption]
    package let rules: [SourceRule]

    package init(topoTypes: [String], options: [SourceOption], rules: [SourceRule]) {
        self.topoTypes = topoTypes
        var unique: [SourceOption] = []
        for option in options where !unique.contains(option) { unique.append(option) }
        self.options = unique
        self.rules = rules
    }

    /// The rules of sections `applies` names.
    func rules(for applies: SourceRule.Applies) -> [SourceRule] { rules.filter { $0.applies == applies } }

    /// The options of a section at `place` of `generation`.
    func options(at place: KnownOptions.Place, _ generation: ConfigGeneration) -> [SourceOption] {
        options.filter { $0.place == place && $0.generations.contains(generation) }
    }
}
