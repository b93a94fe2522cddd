/// One entity as the reader fills it, untyped (so the per-element path has
/// no generic code): attributes, the text of each field by the field's raw
/// value, SCOPES and nested endpoints. Read it through `GocdbEntity`.
struct GocdbRawEntity: Sendable {
    var attributes: [(String, String)] = []
    var values: [String?]
    var scopes: [String] = []
    var endpoints: [GocdbRawEntity] = []
    var extensions: [(key: String, value: String)] = []
    var endpointURLs: [EndpointURL] = []

    /// One ENDPOINTS/ENDPOINT: its URL and ENDPOINT_MONITORED, as given.
    struct EndpointURL: Sendable {
        var url: String?
        var monitored: String?
    }

    init(fieldCount: Int) {
        values = Array(repeating: nil, count: fieldCount)
    }

    /// Empties the entity for reuse, keeping its storage.
    mutating func reset(attributes: [(String, String)]) {
        self.attributes = attributes
        for index in values.indices { values[index] = nil }
        scopes.removeAll(keepingCapacity: true)
        endpoints.removeAll(keepingCapacity: true)
        extensions.removeAll(keepingCapacity: true)
        endpointURLs.removeAll(keepingCapacity: true)
    }
}
