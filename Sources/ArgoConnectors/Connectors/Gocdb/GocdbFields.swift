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

/// One entity as the reader fills it, untyped (so the per-element path has
/// no generic code): attributes, the text of each field by the field's raw
/// value, SCOPES and nested endpoints. Read it through `GocdbEntity`.
struct GocdbRawEntity: Sendable {
    var attributes: [(String, String)] = []
    var values: [String?]
    var scopes: [String] = []
    var endpoints: [GocdbRawEntity] = []

    init(fieldCount: Int) {
        values = Array(repeating: nil, count: fieldCount)
    }

    /// Empties the entity for reuse, keeping its storage.
    mutating func reset(attributes: [(String, String)]) {
        self.attributes = attributes
        for index in values.indices { values[index] = nil }
        scopes.removeAll(keepingCapacity: true)
        endpoints.removeAll(keepingCapacity: true)
    }
}

/// One entity of a known kind, its fields read by name (`entity[.hostname]`).
struct GocdbEntity<Field: GocdbField>: Sendable {
    private(set) var raw: GocdbRawEntity

    init(_ raw: GocdbRawEntity) {
        self.raw = raw
    }

    init(attributes: [(String, String)] = []) {
        raw = GocdbRawEntity(fieldCount: Field.allCases.count)
        raw.attributes = attributes
    }

    subscript(field: Field) -> String? {
        get { raw.values[field.rawValue] }
        set { raw.values[field.rawValue] = newValue }
    }

    var attributes: [(String, String)] { raw.attributes }
    var scopes: [String] { raw.scopes }
    /// Service endpoints nested in a service group.
    var endpoints: [GocdbEntity<EndpointField>] { raw.endpoints.map(GocdbEntity<EndpointField>.init) }

    func attribute(_ name: String) -> String? { raw.attributes.first { $0.0 == name }?.1 }

    /// The PRIMARY_KEY attribute, else the element.
    var primaryKey: String? { attribute("PRIMARY_KEY") ?? self[.primaryKey] }
}

/// A GOCDB PI method and the entity kind it returns.
struct GocdbMethod<Field: GocdbField>: Hashable, Sendable {
    let name: String
    /// Without a scope, ask for every scope (`scope=`) rather than GOCDB's
    /// default (EGI); the downtimes request sends no scope at all, as the
    /// original did.
    var asksAllScopesWithoutScope = true
}

extension GocdbMethod where Field == SiteField {
    static var getSite: Self { Self(name: "get_site") }
}

extension GocdbMethod where Field == EndpointField {
    static var getServiceEndpoint: Self { Self(name: "get_service_endpoint") }
}

extension GocdbMethod where Field == ServiceGroupField {
    static var getServiceGroup: Self { Self(name: "get_service_group") }
}

extension GocdbMethod where Field == DowntimeField {
    static var getDowntime: Self { Self(name: "get_downtime", asksAllScopesWithoutScope: false) }
}
