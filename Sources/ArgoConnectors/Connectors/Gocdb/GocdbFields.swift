/// The child elements kept of one kind of GOCDB entity, as named cases:
/// each element name is written once, in `element`; the case's raw value
/// is where the entity stores its text.
protocol GocdbField: CaseIterable, Sendable where Self: RawRepresentable, RawValue == Int {
    /// The entity's element (`SITE`, `SERVICE_ENDPOINT`, ...).
    static var entityElement: String { get }
    /// Whether service endpoints nest inside (SERVICE_GROUP > SERVICE_ENDPOINT).
    static var nestsEndpoints: Bool { get }
    /// Every kind has one (a case of that name).
    static var primaryKey: Self { get }
    /// The child element this field is read from.
    var element: String { get }
}

extension GocdbField {
    static var nestsEndpoints: Bool { false }
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
