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
