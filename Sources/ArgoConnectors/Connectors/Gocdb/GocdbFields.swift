/// The child elements kept of one kind of GOCDB entity, as named cases:
/// each element name is written once, in `element`; the case's raw value
/// is where the entity stores its text.
protocol GocdbField: CaseIterable, Sendable where Self: RawRepresentable, RawValue == Int {
    /// The fields kept of service endpoints nested inside (SERVICE_GROUP > SERVICE_ENDPOINT).
    associatedtype NestedField: GocdbField = EndpointField
    /// The entity's element (`SITE`, `SERVICE_ENDPOINT`, ...).
    static var entityElement: String { get }
    /// Whether service endpoints nest inside (SERVICE_GROUP > SERVICE_ENDPOINT).
    static var nestsEndpoints: Bool { get }
    /// Whether EXTENSIONS (key, value) and ENDPOINTS (URL, monitored) are
    /// read too (2.3.1's `info_ext_*` and `info_service_endpoint_URL`).
    static var readsDetails: Bool { get }
    /// Every kind has one (a case of that name).
    static var primaryKey: Self { get }
    /// The child element this field is read from.
    var element: String { get }
}

extension GocdbField {
    static var nestsEndpoints: Bool { false }
    static var readsDetails: Bool { false }
}

/// `get_site`'s SITE.
enum SiteField: Int, GocdbField {
    case primaryKey, shortName, roc, certificationStatus, productionInfrastructure

    static let entityElement = "SITE"
    var element: String {
        switch self {
        case .primaryKey: return "PRIMARY_KEY"
        case .shortName: return "SHORT_NAME"
        case .roc: return "ROC"
        case .certificationStatus: return "CERTIFICATION_STATUS"
        case .productionInfrastructure: return "PRODUCTION_INFRASTRUCTURE"
        }
    }
}

/// `get_service_endpoint`'s SERVICE_ENDPOINT, also nested in service groups.
enum EndpointField: Int, GocdbField {
    case primaryKey, hostname, serviceType, inProduction, nodeMonitored, siteName

    static let entityElement = "SERVICE_ENDPOINT"
    var element: String {
        switch self {
        case .primaryKey: return "PRIMARY_KEY"
        case .hostname: return "HOSTNAME"
        case .serviceType: return "SERVICE_TYPE"
        case .inProduction: return "IN_PRODUCTION"
        case .nodeMonitored: return "NODE_MONITORED"
        case .siteName: return "SITENAME"
        }
    }
}

/// `get_service_group`'s SERVICE_GROUP, with its SERVICE_ENDPOINTs.
enum ServiceGroupField: Int, GocdbField {
    case primaryKey, name, monitored

    static let entityElement = "SERVICE_GROUP"
    static let nestsEndpoints = true
    var element: String {
        switch self {
        case .primaryKey: return "PRIMARY_KEY"
        case .name: return "NAME"
        case .monitored: return "MONITORED"
        }
    }
}

/// `get_downtime`'s DOWNTIME.
enum DowntimeField: Int, GocdbField {
    case primaryKey, hostname, serviceType, severity, formattedStartDate, formattedEndDate

    static let entityElement = "DOWNTIME"
    var element: String {
        switch self {
        case .primaryKey: return "PRIMARY_KEY"
        case .hostname: return "HOSTNAME"
        case .serviceType: return "SERVICE_TYPE"
        case .severity: return "SEVERITY"
        case .formattedStartDate: return "FORMATED_START_DATE"  // sic: GOCDB's spelling
        case .formattedEndDate: return "FORMATED_END_DATE"
        }
    }
}

/// `get_service_types`' SERVICE_TYPE (2.3.1's service types).
enum ServiceTypeField: Int, GocdbField {
    case primaryKey, name, description

    static let entityElement = "SERVICE_TYPE"
    var element: String {
        switch self {
        case .primaryKey: return "PRIMARY_KEY"
        case .name: return "SERVICE_TYPE_NAME"
        case .description: return "SERVICE_TYPE_DESC"
        }
    }
}

/// A 2.3.1 tenant's SITE: the 1.7 fields, its notification flag and contacts.
enum TenantSiteField: Int, GocdbField {
    case primaryKey, shortName, roc, certificationStatus, productionInfrastructure, notifications, contactEmail

    static let entityElement = "SITE"
    static let readsDetails = true
    var element: String {
        switch self {
        case .notifications: return "NOTIFICATIONS"
        case .contactEmail: return "CONTACT_EMAIL"
        default: return SiteField(rawValue: rawValue)!.element
        }
    }
}

/// A 2.3.1 tenant's SERVICE_ENDPOINT: the 1.7 fields and what 2.3.1 makes
/// `info_*` tags and notifications of.
enum TenantEndpointField: Int, GocdbField {
    case primaryKey, hostname, serviceType, inProduction, nodeMonitored, siteName, hostDN, url, notifications, contactEmail

    static let entityElement = "SERVICE_ENDPOINT"
    static let readsDetails = true
    var element: String {
        switch self {
        case .hostDN: return "HOSTDN"
        case .url: return "URL"
        case .notifications: return "NOTIFICATIONS"
        case .contactEmail: return "CONTACT_EMAIL"
        default: return EndpointField(rawValue: rawValue)!.element
        }
    }
}

/// A 2.3.1 tenant's SERVICE_GROUP, its endpoints read as a tenant's.
enum TenantServiceGroupField: Int, GocdbField {
    typealias NestedField = TenantEndpointField
    case primaryKey, name, monitored, notifications, notify, contactEmail

    static let entityElement = "SERVICE_GROUP"
    static let nestsEndpoints = true
    static let readsDetails = true
    var element: String {
        switch self {
        case .notifications: return "NOTIFICATIONS"
        case .notify: return "NOTIFY"
        case .contactEmail: return "CONTACT_EMAIL"
        default: return ServiceGroupField(rawValue: rawValue)!.element
        }
    }
}
