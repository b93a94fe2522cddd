// Micro-benchmarks of the Avro encoder, for `make bench` (not installed).
// Prints one JSON object per case: name, records, seconds (best of runs).
import ArgoModel
import ArgoSystem
import Dispatch

let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 200_000
let schema = try AvroSchemaDocument(parsing: """
    {"type": "record", "namespace": "argo.avro", "name": "group_of_service_endpoints", "fields": [
     {"name": "type", "type": "string"}, {"name": "group", "type": "string"}, {"name": "service", "type": "string"},
     {"name": "hostname", "type": "string"}, {"name": "tags", "type": ["null", {"type": "map", "values": "string"}]}]}
    """)
let services = ["CREAM-CE", "ARC-CE", "SRM", "Site-BDII", "APEL", "webdav", "org.openstack.nova"]
let records: [AvroValue] = (0..<count).map { index in
    .record([.string("SITES"), .string("SITE-\(index / 25)-de"), .string(services[index % services.count]),
             .string("ce\(index % 100).site-\(index / 25)-de.example.org"),
             .stringMap([("scope", "EGI"), ("monitored", index % 10 == 0 ? "0" : "1"), ("production", "1")])])
}

func best(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return fastest
}

var encodedBytes = 0
let encode = try best(5) {
    var encoder = AvroBinaryEncoder(reservingCapacity: 1 << 20)
    for record in records {
        try encoder.encode(record, as: schema.schema)
        if encoder.bytes.count > 1 << 20 { encodedBytes += encoder.bytes.count; encoder.removeAll() }
    }
}
for codec in [AvroCodec.null, .deflate] {
    var written = 0
    let seconds = try best(3) {
        written = 0
        let writer = try AvroContainerWriter(schema: schema, codec: codec) { written += $0.count }
        for record in records { try writer.append(record) }
        try writer.finish()
    }
    print("{\"name\": \"container-\(codec.name)\", \"records\": \(count), \"seconds\": \(seconds), \"bytes\": \(written)}")
}
print("{\"name\": \"encode\", \"records\": \(count), \"seconds\": \(encode)}")
