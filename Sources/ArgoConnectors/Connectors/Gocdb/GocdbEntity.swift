/// One entity of a known kind, its fields read by name (`entity[.hostname]`).
struct GocdbEntity<Field: GocdbField>: Sendable {
    let raw: GocdbRawEntity

    init(_ raw: GocdbRawEntity) {
        self.raw = raw
    }

    subscript(field: Field) -> String? { raw.values[field.rawValue] }

    var scopes: [String] { raw.scopes }
    /// Service endpoints nested in a service group.
    var endpoints: [GocdbEntity<Field.NestedField>] { raw.endpoints.map(GocdbEntity<Field.NestedField>.init) }
    /// EXTENSION KEY and VALUE pairs, in order (when `Field.readsDetails`).
    var extensions: [(key: String, value: String)] { raw.extensions }
    /// ENDPOINTS' URLs with ENDPOINT_MONITORED (when `Field.readsDetails`).
    var endpointURLs: [GocdbRawEntity.EndpointURL] { raw.endpointURLs }

    func attribute(_ name: String) -> String? { raw.attributes.first { $0.0 == name }?.1 }

    /// The PRIMARY_KEY attribute, else the element.
    var primaryKey: String? { attribute("PRIMARY_KEY") ?? self[.primaryKey] }
}
