extension OutputKind {
    /// The shape of this output in a 2.3.1 configuration, which names no
    /// Avro schemas: the records as 2.3.1 writes them (nil: not yet written here).
    package var schema231: AvroSchemaDocument? {
        switch self {
        case .poem:
            return try? AvroSchemaDocument(parsing: #"{"type": "record", "name": "metric_profile_231", "fields": [{"name": "profile", "type": "string"}, {"name": "metric", "type": "string"}, {"name": "service", "type": "string"}]}"#)
        case .weights:
            return try? AvroSchemaDocument(parsing: #"{"type": "record", "name": "weight_sites_231", "fields": [{"name": "type", "type": "string"}, {"name": "site", "type": "string"}, {"name": "weight", "type": "string"}]}"#)
        case .downtimes:
            return try? AvroSchemaDocument(parsing: #"{"type": "record", "name": "downtimes_231", "fields": [{"name": "hostname", "type": "string"}, {"name": "service", "type": "string"}, {"name": "start_time", "type": "string"}, {"name": "end_time", "type": "string"}]}"#)
        case .serviceTypes:
            return try? AvroSchemaDocument(parsing: #"{"type": "record", "name": "service_types_231", "fields": [{"name": "name", "type": "string"}, {"name": "description", "type": "string"}, {"name": "tags", "type": "string"}]}"#)
        case .groupOfEndpoints, .groupOfGroups:
            return nil
        }
    }
}
