import ArgoModel
import ArgoSystem

/// What a 2.3.1 tenant's BDII adds to its endpoints (`BDII = True`, spec
/// 5.1): the SRM port of each storage host, as `info_bdii_SRM2_PORT` on its
/// SRM endpoints, and the storage path of each VO on a storage element, as
/// `vo_<VO>_attr_SE_PATH` on every endpoint of that host. Entries are taken
/// in DN order, so that the result does not hang on the order the server
/// answers in (2.3.1's did: the last one listed won).
struct BDIITags: Sendable {
    /// Host → SRM port.
    private(set) var srmPorts: [String: String] = [:]
    /// Host → (VO, path), in order.
    private(set) var sePaths: [String: [(vo: String, path: String)]] = [:]
    /// Entries that could not be read, for the warnings.
    private(set) var skipped = SkippedEntities()

    static let srmService = "SRM"
    static let srmPortTag = "info_bdii_SRM2_PORT"

    init() {}

    /// From the SRM search (its first attribute, `GlueServiceEndpoint`:
    /// `httpg://host:8446/srm/managerv2`) and the storage-path search
    /// (`GlueVOInfoAccessControlBaseRule`, `GlueVOInfoPath`, the host from
    /// the DN's `GlueSEUniqueID`).
    init(srm: [LDAPEntry], srmAttribute: String, sePaths: [LDAPEntry], ruleAttribute: String, pathAttribute: String) {
        for entry in srm.sorted(by: { ByteOrder.less($0.dn, $1.dn) }) {
            guard let endpoint = entry.values[srmAttribute]?.first else { skipped.add("BDII SRM entry without \(srmAttribute)"); continue }
            guard let (host, port) = Self.hostAndPort(endpoint) else { skipped.add("BDII SRM entry whose \(srmAttribute) has no host:port/"); continue }
            srmPorts[host] = port
        }
        // Paths given per storage element, so that each entry is looked at once (linear in the entries).
        var given: [String: Set<String>] = [:]
        for entry in sePaths.sorted(by: { ByteOrder.less($0.dn, $1.dn) }) {
            // The first rule naming a VO: `VO:ops`, or `VO:ops dteam` for several.
            guard let rule = entry.values[ruleAttribute]?.first(where: { $0.contains("VO:") }) else { continue }
            let named = rule.split(separator: ":", omittingEmptySubsequences: false)[1]
            guard let path = entry.values[pathAttribute]?.first, let host = Self.storageElement(in: entry.dn), !named.isEmpty else {
                skipped.add("BDII storage area without \(pathAttribute) or a GlueSEUniqueID in its DN")
                continue
            }
            // A path already given on this storage element is not given again.
            guard given[host, default: []].insert(path).inserted else { continue }
            for vo in named.split(separator: " ") { self.sePaths[host, default: []].append((String(vo), path)) }
        }
    }

    /// `scheme://host:port/...` → (host, port).
    static func hostAndPort(_ url: String) -> (String, String)? {
        guard let start = url.firstRange(of: "//")?.upperBound else { return nil }
        let rest = url[start...]
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let afterColon = rest[rest.index(after: colon)...]
        guard let slash = afterColon.firstIndex(of: "/") else { return nil }
        let host = rest[..<colon], port = afterColon[..<slash]
        guard !host.isEmpty, !port.isEmpty else { return nil }
        return (String(host), String(port))
    }

    /// The value of the DN's `GlueSEUniqueID` component.
    static func storageElement(in dn: String) -> String? {
        for component in dn.split(separator: ",") {
            let parts = component.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingBlanks().lowercased() == "glueseuniqueid" {
                return String(parts[1])
            }
        }
        return nil
    }

    /// The host's BDII tags, in order (a key given twice: set again, in its first place).
    func tags(hostname: String, service: String) -> [(String, String)] {
        var tags: [(String, String)] = []
        var places: [String: Int] = [:]
        if service == Self.srmService, let port = srmPorts[hostname] { tags.append((Self.srmPortTag, port)) }
        for (vo, path) in sePaths[hostname] ?? [] {
            let key = "vo_\(vo)_attr_SE_PATH"
            if let index = places[key] { tags[index].1 = path } else { places[key] = tags.count; tags.append((key, path)) }
        }
        return tags
    }

    var isEmpty: Bool { srmPorts.isEmpty && sePaths.isEmpty }
}
