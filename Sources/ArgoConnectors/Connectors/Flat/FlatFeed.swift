import ArgoModel
import ArgoSystem

/// A flat feed of a 2.3.1 tenant (`TopoFeed`, `ServiceTypesFeed`,
/// `DowntimesFeed` of a CSV or JSON tenant): fetched as it is, over HTTP
/// or from a local file (`file://…` or an absolute path; 2.3.1 could not
/// read a local JSON file). No credentials are sent: 2.3.1 sent the GOCDB
/// basic auth to some of these feeds, which are anyone's web servers.
struct FlatFeed: Hashable, Sendable {
    let url: String
    let format: FlatRows.Format

    init(_ configured: String, format: FlatRows.Format) {
        url = configured.hasPrefix("/") ? "file://" + configured : configured
        self.format = format
    }

    var display: String { RedactedURL.display(url) }

    /// The feed's rows, each with `columns`; a malformed feed is an error naming the URL and the place.
    func rows(with http: any FeedTransport, columns: [String]) throws -> FlatRows {
        let body = try http.fetch(HTTPRequest(url: url))
        return try FeedError.reading(display) { try FlatRows(body, format: format, columns: columns) }
    }
}

/// 2.3.1's flat topology columns.
enum FlatColumn {
    static let id = "Service Unique ID"
    static let url = "URL"
    static let serviceType = "SERVICE_TYPE"
    static let group = "SITENAME-SERVICEGROUP"
    static let contacts = "CONTACT_EMAIL"
    /// Service types: the description is the (last) column whose name starts so.
    static let descriptionPrefix = "Service Description"
}

/// A connector of a flat feed, CSV or JSON (its descriptor's source).
package protocol FlatSource: Connector {
    var run: FlatSourceRun { get }
    init(run: FlatSourceRun)
}

extension FlatSource {
    package init(context: ConnectorContext) { self.init(run: FlatSourceRun(context)) }

    static var format: FlatRows.Format { descriptor.source == .csv ? .csv : .json }
}

/// What a flat source's connector keeps of its run.
package struct FlatSourceRun: Sendable {
    let http: any FeedTransport
    let date: RunDate
    let flags: Set<String>

    init(_ context: ConnectorContext) {
        (http, date, flags) = (context.http, context.date, context.flags)
    }
}

extension FlatRows.Format {
    /// The catalogue's source of this format, which is also the tenants' TopoType.
    var source: DataSource { self == .csv ? .csv : .json }
}
