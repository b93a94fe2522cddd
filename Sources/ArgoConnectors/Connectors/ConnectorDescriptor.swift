import ArgoModel

/// What one connector is, as the rest of the tool sees it: a kind of data
/// from a source, the command and script names it answers to, what it
/// writes, where it keeps state, which options it reads (and the rules
/// between them), which configurations it serves and whether per job or per customer. Declared once,
/// beside the connector (`static let descriptor`); the command table,
/// `--help`, `all`, `validate-config`, state files, locks and the old
/// script names all derive from it (see `ConnectorCatalogue`).
package struct ConnectorDescriptor: Sendable, Hashable {
    /// A switch of the connector's own command (2.3.1's `--initial`).
    package struct CommandFlag: Sendable, Hashable {
        package let name: String
        package let help: String

        package init(name: String, help: String) {
            self.name = name
            self.help = help
        }
    }

    package let data: DataKind
    package let source: DataSource
    /// The Python connectors' script names, installed as links to the binary.
    package let scriptNames: [String]
    /// One line for the command table.
    package let summary: String
    /// A paragraph for `COMMAND --help`.
    package let details: String
    /// Whether `-d DATE` must be given (no default day).
    package let requiresDate: Bool
    /// The configurations it runs for: customers of another generation are refused.
    package let generations: Set<ConfigGeneration>
    /// The generations in which it runs once per customer (a 2.3.1 tenant's
    /// topology and downtimes), not per job: files in the customer's
    /// OutputDir, state in `SaveDir/<Name>/`.
    package let perCustomerIn: Set<ConfigGeneration>
    /// Switches of its command beside the common options.
    package let flags: [CommandFlag]
    /// The 2.3.1 tenants it runs for when no source is named (by script
    /// name or `--source`): those whose `TopoType` is one of these. 2.3.1
    /// never read TopoType; its script chose the source.
    package let topoTypes: Set<DataSource>
    /// The subcommand.
    package let command: String
    /// The name in state files (`<name>-ok_DATE`), counts files and locks.
    package let stateName: String
    /// The customer and job options it reads beside the shared ones
    /// (`KnownOptions.core`): from these the configuration's readers, checks and `--dump` derive.
    package let options: [SourceOption]
    /// Rules between its options (all or none, one needs another).
    package let rules: [SourceRule]

    /// `command` and `stateName` default to the data kind's name.
    package init(data: DataKind, source: DataSource, scriptNames: [String], summary: String, details: String,
                 requiresDate: Bool = false, generations: Set<ConfigGeneration> = [.egi17],
                 perCustomerIn: Set<ConfigGeneration> = [], command: String? = nil, stateName: String? = nil, flags: [CommandFlag] = [],
                 topoTypes: Set<DataSource> = Set(DataSource.topoTypes), options: [SourceOption] = [], rules: [SourceRule] = []) {
        self.options = options
        self.rules = rules
        self.perCustomerIn = perCustomerIn
        self.topoTypes = topoTypes
        self.flags = flags
        self.command = command ?? data.rawValue
        self.stateName = stateName ?? data.rawValue
        self.data = data
        self.source = source
        self.scriptNames = scriptNames
        self.summary = summary
        self.details = details
        self.requiresDate = requiresDate
        self.generations = generations
    }

    package var outputs: [OutputKind] { data.outputs }

    package static func == (lhs: Self, rhs: Self) -> Bool { lhs.data == rhs.data && lhs.source == rhs.source && lhs.command == rhs.command }
    package func hash(into hasher: inout Hasher) {
        hasher.combine(data)
        hasher.combine(source)
    }
}
