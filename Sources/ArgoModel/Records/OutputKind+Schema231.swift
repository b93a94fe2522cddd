extension OutputKind {
    /// The shape of this output in a 2.3.1 configuration, which names no
    /// Avro schemas: the fields of the record 2.3.1 writes (nil: not yet written here).
    package var schema231: AvroSchemaDocument? {
        switch self {
        case .poem: ProfileMetricRecord.stringFieldsSchema(named: "metric_profile_231")
        case .weights: WeightRecord.stringFieldsSchema(named: "weight_sites_231")
        case .downtimes: DowntimeRecord.stringFieldsSchema(named: "downtimes_231")
        case .serviceTypes: ServiceTypeRecord.stringFieldsSchema(named: "service_types_231")
        case .groupOfEndpoints, .groupOfGroups: nil
        }
    }
}

extension OutputRecord {
    /// A record schema of this record's fields, each a string.
    static func stringFieldsSchema(named name: String) -> AvroSchemaDocument? {
        let fields = fieldNames.map { JSONValue.object([("name", .string($0)), ("type", .string("string"))]) }
        let schema = JSONValue.object([("type", .string("record")), ("name", .string(name)), ("fields", .array(fields))])
        return try? AvroSchemaDocument(parsing: JSONWriter.serialize(schema))
    }
}
