import ArgoModel
import ArgoSystem

/// What every service-types source shares: the WEB-API's own service types
/// (tagged `poem`), which a tenant's new list keeps unless `--initial`, and
/// the merge of both, sorted by name in any case (Python's
/// `sorted(key=str.lower)`, stable: the source's come first among equal names).
enum WebAPIServiceTypes {
    /// The flag of every service-types command.
    static let initialFlag = ConnectorDescriptor.CommandFlag(name: "initial", help: "do not keep the WEB-API's existing poem service types (the first run of a tenant)")

    /// Where the poem types are read, or nil with `--initial`.
    static func destination(for customer: CustomerConfig, flags: Set<String>) -> WebAPIDestination? {
        flags.contains(initialFlag.name) ? nil : WebAPIDestination(customer.webAPI)
    }

    /// `GET topology/service-types?date=D`, its poem types.
    /// The day's, that is: a GET answers with the closest earlier day when
    /// the day holds none, and those are the types a new day starts from.
    static func poem(at webAPI: WebAPIDestination, date: RunDate, http: any FeedTransport) throws -> [ServiceTypeRecord] {
        let client = WebAPIClient(webAPI, http: http)
        let records = try client.listedOnOrBefore(.serviceTypes, date: date)
        return try FeedError.reading(RedactedURL.display(webAPI.url(WebAPIResource.serviceTypes.rawValue, date: date))) {
            try poemTypes(from: records)
        }
    }

    /// The WEB-API's service types tagged `poem` (no tags count as `poem`, as in 2.3.1).
    static func poemTypes(from data: [JSONValue]) throws -> [ServiceTypeRecord] {
        try data.enumerated().compactMap { index, entry in
            let path = "data[\(index)]"
            let tags = (entry["tags"]?.arrayValue ?? []).compactMap(\.stringValue)
            guard tags.isEmpty || tags.contains(ServiceTypeRecord.poemTag) else { return nil }
            let description = entry["description"]?.stringValue ?? ""
            return ServiceTypeRecord(name: try entry.string("name", at: path),
                                     description: try FieldLimit.checked(description, at: "\(path).description"),
                                     tags: tags.isEmpty ? [ServiceTypeRecord.poemTag] : tags)
        }
    }

    /// The source's types then the poem ones (nil: `--initial`), sorted by name in any case.
    static func merged(_ own: [ServiceTypeRecord], poem: [ServiceTypeRecord]?) -> [ServiceTypeRecord] {
        guard let poem else { return own }
        return (own + poem).stableSorted(byText: { $0.name.lowercased() })
    }

    static func product(_ own: [ServiceTypeRecord], poem: [ServiceTypeRecord]?, source: String, skipped: SkippedEntities) -> JobProduct {
        JobProduct(recordSets: [RecordSet(merged(own, poem: poem))],
                   summary: "Fetched Service types:\(own.count) from \(source), \(poem?.count ?? 0) poem from the WEB-API",
                   warnings: skipped.warnings)
    }
}
