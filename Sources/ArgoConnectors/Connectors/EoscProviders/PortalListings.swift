import ArgoModel
import ArgoSystem

/// Which API a listing of the EOSC provider portal comes from, told by its
/// records: 2.3.1's portal wraps each entity in a bundle (`{"provider": …}`,
/// `{"service": …}`, extensions with `serviceId` and `monitoringGroups`);
/// the EOSC Beyond API (upstream devel, a8cf477) lists flat entities and
/// configuration template instances (`resourceId`, `payload.serviceCheck`).
/// See ../shared/spec/argo-connectors-devel.md, section 1.
enum PortalAPI: String, Sendable {
    case bundles = "2.3.1 bundles"
    case beyond = "EOSC Beyond flat records"

    /// The API of one listing's records (nil when it has none); records of both kinds in one listing are an error.
    static func of(_ items: [(String, JSONValue)], bundleKeys: [String]) throws -> PortalAPI? {
        var found: PortalAPI?
        for (path, item) in items {
            guard item.objectMembers != nil else { throw FormatError.expected("an object", at: path, found: item) }
            let api: PortalAPI = bundleKeys.contains { item[$0] != nil } ? .bundles : .beyond
            if let found, found != api {
                throw FormatError(.jsonShape, "\(api.rawValue) among \(found.rawValue): a listing is of one API", at: path)
            }
            found = api
        }
        return found
    }
}

/// A provider, a resource or an extension of the portal, whichever API listed it.
struct PortalProvider {
    let id: String
    let abbreviation: String
    let tags: [String]
}

struct PortalResource {
    let id: String
    let name: String
    let provider: String
    let webpage: String?
    let tags: [String]
    let contacts: [String]
}

struct PortalExtension {
    let id: String
    let resourceID: String
    /// 2.3.1's `monitoredBy` (tag `info_monitored_by`); Beyond has none.
    let monitoredBy: String?
    let checks: [(serviceType: String, endpoint: String)]
}

/// The three listings read into that one form.
struct PortalListings {
    let api: PortalAPI
    var providers: [PortalProvider] = []
    var resources: [PortalResource] = []
    var extensions: [PortalExtension] = []
    var skipped = SkippedEntities()

    /// The listings' API, from their records; listings of both APIs are an error naming them.
    static func api(providers: [(String, JSONValue)], resources: [(String, JSONValue)], extensions: [(String, JSONValue)],
                    urls: (providers: String, resources: String, extensions: String?)) throws -> PortalAPI {
        let found = [
            (urls.providers, try FeedError.reading(RedactedURL.display(urls.providers)) { try PortalAPI.of(providers, bundleKeys: ["provider"]) }),
            (urls.resources, try FeedError.reading(RedactedURL.display(urls.resources)) { try PortalAPI.of(resources, bundleKeys: ["service"]) }),
            (urls.extensions ?? "", try FeedError.reading(RedactedURL.display(urls.extensions ?? "")) {
                try PortalAPI.of(extensions, bundleKeys: ["serviceId", "monitoringGroups"])
            }),
        ].compactMap { url, api in api.map { (url, $0) } }
        if let first = found.first, let other = found.first(where: { $0.1 != first.1 }) {
            throw FeedError(kind: .content, url: RedactedURL.display(other.0),
                            reason: "lists \(other.1.rawValue) but \(RedactedURL.display(first.0)) lists \(first.1.rawValue): the feeds are of two APIs")
        }
        // Empty listings make the same records in either API: none.
        return found.first?.1 ?? .bundles
    }

    /// The listings read, each one's errors naming its URL.
    init(api: PortalAPI, providers: (String, [(String, JSONValue)]), resources: (String, [(String, JSONValue)]),
         extensions: (String, [(String, JSONValue)])?) throws {
        self.api = api
        try FeedError.reading(RedactedURL.display(providers.0)) { for (path, item) in providers.1 { try readProvider(item, at: path) } }
        try FeedError.reading(RedactedURL.display(resources.0)) { for (path, item) in resources.1 { try readResource(item, at: path) } }
        if let extensions {
            try FeedError.reading(RedactedURL.display(extensions.0)) { for (path, item) in extensions.1 { try readExtension(item, at: path) } }
        }
    }

    /// The entity itself: inside its bundle (2.3.1) or the record (Beyond).
    private func entity(_ item: JSONValue, bundle key: String, at path: String) throws -> (JSONValue, String) {
        api == .bundles ? (try item.member(key, at: path), "\(path).\(key)") : (item, path)
    }

    private mutating func readProvider(_ item: JSONValue, at path: String) throws {
        let (provider, path) = try entity(item, bundle: "provider", at: path)
        guard let website = provider["website"]?.stringValue, !website.isEmpty else { skipped.add("provider without a website"); return }
        // Without its ID and abbreviation (which name its groups) a provider is left out and counted.
        guard let id = Self.identifier(provider["id"]), let abbreviation = Self.identifier(provider["abbreviation"]) else {
            skipped.add("provider without an id and abbreviation that can name a group", at: path)
            return
        }
        providers.append(PortalProvider(id: id, abbreviation: abbreviation, tags: try Self.strings(provider, "tags", at: path)))
    }

    private mutating func readResource(_ item: JSONValue, at path: String) throws {
        let (service, path) = try entity(item, bundle: "service", at: path)
        guard let name = service["name"]?.stringValue, !name.isEmpty else { skipped.add("resource without a name"); return }
        guard let id = Self.identifier(service["id"]), let provider = Self.identifier(service["resourceOrganisation"]), FlatRows.isNameText(name) else {
            skipped.add("resource without an id, resourceOrganisation and a name that can name a group", at: path)
            return
        }
        var tags = try Self.strings(service, "tags", at: path)
        // 2.3.1 read the flag in the bundle's extras too.
        if service["horizontalService"] == .bool(true) || item["resourceExtras"]?["horizontalService"] == .bool(true) { tags.append("horizontalService") }
        let contacts = (service["publicContacts"]?.arrayValue ?? []).compactMap { $0["email"]?.stringValue }.filter { !$0.isEmpty }
        resources.append(PortalResource(id: id, name: name, provider: provider,
                                        webpage: service["webpage"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }, tags: tags, contacts: contacts))
    }

    private mutating func readExtension(_ item: JSONValue, at path: String) throws {
        let id = try item.string("id", at: path)
        switch api {
        case .bundles:
            let monitoredBy = try item["monitoredBy"].map { try $0.text(at: "\(path).monitoredBy") } ?? ""
            let checks = try item.member("monitoringGroups", at: path).array(at: "\(path).monitoringGroups").enumerated().map { index, group in
                try Self.check(group, at: "\(path).monitoringGroups[\(index)]")
            }
            extensions.append(PortalExtension(id: id, resourceID: try item.string("serviceId", at: path), monitoredBy: monitoredBy, checks: checks))
        case .beyond:
            // A configuration template instance: only those whose payload has
            // serviceCheck say what to monitor (others describe e.g. OAI-PMH).
            let payload = try item.member("payload", at: path)
            guard payload.objectMembers != nil else { throw FormatError.expected("an object", at: "\(path).payload", found: payload) }
            guard let serviceCheck = payload["serviceCheck"] else { skipped.add("configuration template instance without serviceCheck"); return }
            let checks = try serviceCheck.array(at: "\(path).payload.serviceCheck").enumerated().map { index, check in
                try Self.check(check, at: "\(path).payload.serviceCheck[\(index)]")
            }
            extensions.append(PortalExtension(id: id, resourceID: try item.string("resourceId", at: path), monitoredBy: nil, checks: checks))
        }
    }

    private static func check(_ value: JSONValue, at path: String) throws -> (serviceType: String, endpoint: String) {
        (try value.string("serviceType", at: path), try value.string("endpoint", at: path))
    }

    /// A non-empty text that can stand as a name (`FlatRows.isNameText`), or nil.
    static func identifier(_ value: JSONValue?) -> String? {
        guard let text = value?.stringValue, !text.isEmpty, FlatRows.isNameText(text) else { return nil }
        return text
    }

    static func strings(_ value: JSONValue, _ key: String, at path: String) throws -> [String] {
        guard let member = value[key], member != .null else { return [] }
        return try member.array(at: "\(path).\(key)").enumerated().map { try $1.text(at: "\(path).\(key)[\($0)]") }
    }
}
