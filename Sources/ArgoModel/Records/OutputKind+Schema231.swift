extension OutputKind {
    /// The shape of this output in a 2.3.1 configuration, which names no
    /// Avro schemas: the fields of the record 2.3.1 writes.
    var schema231: AvroSchemaDocument? {
        switch self {
        case .poem: ProfileMetricRecord.stringFieldsSchema(named: "metric_profile_231")
        case .weights: WeightRecord.stringFieldsSchema(named: "weight_sites_231")
        case .downtimes: DowntimeRecord.stringFieldsSchema(named: "downtimes_231")
        case .serviceTypes: ServiceTypeRecord.stringFieldsSchema(named: "service_types_231")
        case .groupOfEndpoints: TenantEndpointRecord.stringFieldsSchema(named: "group_endpoints_231", maps: ["tags"])
        case .groupOfGroups: TenantGroupRecord.stringFieldsSchema(named: "group_groups_231", maps: ["tags"])
        }
    }
}

extension OutputRecord {
    /// A record schema of this record's fields, each a string (`maps`: a map of strings).
    static func stringFieldsSchema(named name: String, maps: Set<String> = []) -> AvroSchemaDocument? {
        let stringMap = JSONValue.object([("type", .string("map")), ("values", .string("string"))])
        let fields = fieldNames.map { JSONValue.object([("name", .string($0)), ("type", maps.contains($0) ? stringMap : .string("string"))]) }
        let schema = JSONValue.object([("type", .string("record")), ("name", .string(name)), ("fields", .array(fields))])
        return try? AvroSchemaDocument(parsing: JSONWriter.serialize(schema))
    }
}
