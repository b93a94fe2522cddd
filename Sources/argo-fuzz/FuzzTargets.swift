// What each fuzz target does with one input: drive a reader the way the
// connectors do. Shared by the mutation runner (main.swift) and the
// libFuzzer harness (Fuzz/LibFuzzerEntry.swift), both debug builds.
#if DEBUG
@testable import ArgoConnectors
import ArgoModel
import ArgoSystem

func fuzzXML(_ bytes: [UInt8]) {
    // Each entity kind goes where the connectors send it.
    var table = EndpointTable()
    feedXML(bytes, to: GocdbEntityReader(SiteField.self) { site in _ = site.attribute("NAME") ?? site[.shortName] })
    feedXML(bytes, to: GocdbEntityReader(EndpointField.self) { table.add($0, group: $0[.siteName]) })
    feedXML(bytes, to: GocdbEntityReader(ServiceGroupField.self) { group in
        group.endpoints.forEach { table.add($0, group: group[.name]) }
    })
    feedXML(bytes, to: GocdbEntityReader(DowntimeField.self) { entity in
        _ = DowntimesConnector.records(from: [entity], on: RunDate(year: 2022, month: 10, day: 27))
    })
}

/// Feeds `bytes` in uneven pieces, as a network does.
private func feedXML(_ bytes: [UInt8], to handler: XMLEventHandler) {
    let parser = XMLPushParser(handler: handler)
    var offset = 0
    do {
        while offset < bytes.count {
            let length = min(bytes.count - offset, 1 + offset % 97)
            try bytes[offset..<offset + length].withUnsafeBytes { try parser.consume($0) }
            offset += length
        }
        try parser.finish()
    } catch {}
}

func fuzzJSON(_ bytes: [UInt8]) {
    _ = try? WeightsConnector.sites(from: bytes)
    guard let document = try? JSONParser.parse(bytes) else { return }
    _ = try? PoemConnector.profile(from: document)
    _ = JSONWriter.serialize(document)
}

func fuzzINI(_ bytes: [UInt8]) {
    let log = DiagnosticLog()
    let ini = INIFile(text: String(decoding: bytes, as: UTF8.self), path: "fuzz.conf", log: log)
    for section in ini.sectionNames {
        for option in ini.optionNames(section: section) {
            if let value = try? ini.value(section: section, option: option)?.value { _ = try? TagSelection(parsing: value) }
        }
    }
}

func fuzzAvro(_ bytes: [UInt8]) {
    guard let reader = try? AvroContainerReader(bytes: bytes) else {
        _ = try? AvroSchemaDocument(parsing: String(decoding: bytes, as: UTF8.self))
        return
    }
    try? reader.forEachRecord { record in
        _ = JSONWriter.serialize(AvroJSONRenderer.json(record, schema: reader.schema.schema))
    }
}

/// The targets by name.
/// 2.3.1's flat feeds: the bytes as a CSV and as a JSON topology, service types and downtimes.
func fuzzFlat(_ bytes: [UInt8]) {
    let feed = FlatTopologyFeed(feed: FlatFeed("file:///fuzz", format: .csv), project: "P", endpointType: "SERVICEGROUPS", uidHostnames: true)
    for format in [FlatRows.Format.csv, .json] {
        if let rows = try? FlatRows(bytes, format: format, columns: []) {
            _ = try? FlatTopology(rows, feed: feed)
            _ = try? FlatServiceTypes.records(rows)
            _ = try? CSVDowntimesConnector.downtimes(rows, on: RunDate(year: 2022, month: 2, day: 21), uidHostnames: true)
        }
    }
}

let fuzzTargets: [String: @Sendable ([UInt8]) -> Void] = ["xml": fuzzXML, "json": fuzzJSON, "ini": fuzzINI, "avro": fuzzAvro, "flat": fuzzFlat]
#endif
