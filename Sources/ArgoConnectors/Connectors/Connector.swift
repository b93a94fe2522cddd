import ArgoModel
import ArgoSystem
import Logging

/// A feed-specific connector. It only knows its feed: what to fetch, how
/// to parse it and how to map it to records; configuration, HTTP, the job
/// loop and delivery are shared. It declares what it is once, in
/// `descriptor`, and takes its place in the tool by one line in
/// `ConnectorCatalogue` (see docs/architecture.md, "Adding a source").
package protocol Connector: Sendable {
    /// Identifies one fetch; jobs whose feeds are equal share it.
    associatedtype Feed: Hashable & Sendable
    associatedtype FeedData: Sendable

    /// What it fetches and writes, its command and script names, its state files.
    static var descriptor: ConnectorDescriptor { get }
    /// A connector for one run.
    init(context: ConnectorContext)
    /// The feed a job needs, or nil when the connector has nothing to do for it.
    func feed(for customer: CustomerConfig, job: JobConfig) -> Feed?
    /// Where the feed comes from, for messages (credentials removed).
    func describe(_ feed: Feed) -> String
    /// Called concurrently for distinct feeds: anything shared between
    /// fetches is `Sendable` (see `OnceCache`).
    func fetch(_ feed: Feed) throws -> FeedData
    /// The job's records; depends only on the data and the job's own configuration.
    func produce(_ data: FeedData, for target: JobTarget) throws -> JobProduct
}

extension Connector {
    package var descriptor: ConnectorDescriptor { Self.descriptor }
}

/// What a connector gets for a run: the HTTP clients (with the run's
/// cancellation and clock), the day, and the run's logger.
package struct ConnectorContext: Sendable {
    /// For feeds: the host certificate offered, servers verified per `[Authentication]`.
    /// (`WebAPIClient` makes of it what the WEB-API needs.)
    package let http: any FeedTransport
    let date: RunDate
    let logger: Logger
    /// The descriptor's flags given on the command line.
    package let flags: Set<String>
    /// `[General] PassExtensions` (2.3.1): GOCDB EXTENSIONS become `info_ext_*` tags.
    let passExtensions: Bool
    /// For BDII searches (2.3.1), with the run's `[Connection]`, cancellation and clock.
    package let ldap: LDAPClient
    /// `[InputState] SaveDir`: where a connector keeps what must outlive the run (the EOSC portal's rotated refresh token).
    let saveDir: String?

    package init(http: any FeedTransport, ldap: LDAPClient, date: RunDate, logger: Logger, flags: Set<String> = [],
                 passExtensions: Bool = false, saveDir: String? = nil) {
        self.saveDir = saveDir
        self.http = http
        self.date = date
        self.logger = logger
        self.flags = flags
        self.passExtensions = passExtensions
        self.ldap = ldap
    }
}

extension ConnectorContext {
    /// Only to ask connectors what they would fetch (validate-config, check,
    /// diff), for any day: no request is made, so nothing is there to cancel.
    package static func offline(_ configuration: Configuration) -> ConnectorContext {
        let logger = Logger(label: "argo-connectors")
        var settings = HTTPSettings()
        settings.connection = configuration.global.connection
        let idle = Cancellation(), clock = SystemClock()
        return ConnectorContext(http: HTTPClient(settings: settings, logger: logger, cancellation: idle, clock: clock),
                                ldap: LDAPClient(connection: settings.connection, logger: logger, cancellation: idle, clock: clock),
                                date: RunDate(year: 2000, month: 1, day: 1), logger: logger,
                                passExtensions: configuration.global.passExtensions, saveDir: configuration.global.stateSaveDir)
    }
}
