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

extension GocdbMethod where Field == ServiceTypeField {
    static var getServiceTypes: Self { Self(name: "get_service_types", asksAllScopesWithoutScope: false) }
}
