/// What one connector is, as the rest of the tool sees it: a kind of data
/// from a source, the command and script names it answers to, what it
/// writes, where it keeps state and which options it reads. Declared once,
/// beside the connector (`static let descriptor`); the command table,
/// `--help`, `all`, `validate-config`, state files, locks and the old
/// script names all derive from it (see `ConnectorCatalogue`).
package struct ConnectorDescriptor: Sendable, Hashable {
    /// Where the data comes from.
    package enum Source: String, Sendable {
        case gocdb = "GOCDB"
        case vapor = "VAPOR"
        case poem = "POEM"
        case webAPI = "WEB-API"
    }

    /// What one state file and one delivery cover.
    package enum Unit: String, Sendable {
        /// Each job of each customer (the 1.7 layout).
        case job
        /// Each customer, over all its jobs (a 2.x tenant).
        case customer
    }

    package let data: DataKind
    package let source: Source
    /// The Python connectors' script names, installed as links to the binary.
    package let scriptNames: [String]
    /// One line for the command table.
    package let summary: String
    /// A paragraph for `COMMAND --help`.
    package let details: String
    package let unit: Unit
    /// The job options the connector reads (besides the customer's and global ones).
    package let jobOptions: [String]
    /// Whether `-d DATE` must be given (no default day).
    package let requiresDate: Bool
    /// The configurations it runs for: customers of another generation are refused.
    package let generations: Set<ConfigGeneration>
    /// The subcommand.
    package let command: String
    /// The name in state files (`<name>-ok_DATE`), counts files and locks.
    package let stateName: String

    /// `command` and `stateName` default to the data kind's name.
    package init(data: DataKind, source: Source, scriptNames: [String], summary: String, details: String,
                 unit: Unit = .job, jobOptions: [String], requiresDate: Bool = false, generations: Set<ConfigGeneration> = [.egi17],
                 command: String? = nil, stateName: String? = nil) {
        self.command = command ?? data.rawValue
        self.stateName = stateName ?? data.rawValue
        self.data = data
        self.source = source
        self.scriptNames = scriptNames
        self.summary = summary
        self.details = details
        self.unit = unit
        self.jobOptions = jobOptions
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
