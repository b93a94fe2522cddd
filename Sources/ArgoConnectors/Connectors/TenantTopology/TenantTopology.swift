import ArgoModel
import ArgoSystem

/// A 2.3.1 GOCDB tenant's topology, as 2.3.1 makes it
/// (../shared/spec/argo-connectors-2.3.1.md, 5.1): service groups' groups
/// then sites by NGI; sites' endpoints by site, then service groups'
/// endpoints; `info_*` tags, UID host names, notifications and contacts.
/// Unlike 2.3.1: an entity without a required field is left out and
/// counted (never a crash or a lost run); ServiceGroups alone work; contacts
/// survive UID host names; a site's contacts go to sites only and a
/// service group's to service groups only.
package struct TenantTopology: Sendable {
    var groups: [TenantGroupRecord]
    var endpoints: TenantEndpointTable
    /// Row indexes in output order.
    var order: [Int]
    /// `<HOSTNAME>+<SERVICE_TYPE>` (hashed) → the endpoint-feed row whose
    /// CONTACT_EMAIL counts (the last one listed, as 2.3.1's dict).
    var contactRows: [UInt64: Int]
    /// The pooled strings (service types, groups, scopes) as quoted JSON, made once.
    var quotedPool: [[UInt8]]
    var options: TenantTopologyOptions
    var bdii: BDIITags
    var skipped: SkippedEntities
    /// What the feeds held, for the summary line.
    var fetchedSites = 0, fetchedServiceGroups = 0

    var endpointCount: Int { order.count }

    /// Fetches what `feed` asks for and makes the groups; endpoints stay compact until written.
    static func fetch(_ feed: TenantTopologyFeed, with client: GocdbClient, ldap: LDAPClient) throws -> TenantTopology {
        let options = feed.options
        var table = TenantEndpointTable()
        if let endpoints = feed.endpoints {
            let store = TenantEndpointStore(options: options)
            try client.fetch(.tenantServiceEndpoints, from: endpoints, scope: nil, paging: feed.paging, into: store)
            table = store.table.foldingRepeatedIDs()
        }
        var contactRows: [UInt64: Int] = Dictionary(minimumCapacity: table.count)
        table.withArena { bytes in
            for (index, row) in table.rows.enumerated() {
                let spans = TenantEndpointTable.spans(in: bytes, of: row)
                guard spans.contacts != nil else { continue }
                contactRows[contactKey(bytes: UnsafeBufferPointer(rebasing: bytes[spans.hostname]), table.pool[row.service])] = index
            }
        }
        var groups: [TenantGroupRecord] = []
        var skipped = SkippedEntities()
        var fetchedSites = 0, fetchedServiceGroups = 0
        if let url = feed.serviceGroups {
            let list = GocdbEntityList<TenantServiceGroupField>()
            try client.fetch(.tenantServiceGroups, from: url, scope: nil, paging: feed.paging, into: list)
            let serviceGroups = list.entities.keepingLastInFirstPlace { $0.primaryKey ?? $0[.name] ?? "" }
            fetchedServiceGroups = serviceGroups.count
            groups += serviceGroups.map { serviceGroupRecord($0, options: options) }
            for serviceGroup in serviceGroups {
                for endpoint in serviceGroup.endpoints { addServiceGroupEndpoint(endpoint, of: serviceGroup, to: &table, options: options) }
            }
        }
        if let url = feed.sites {
            let list = GocdbEntityList<TenantSiteField>()
            try client.fetch(.tenantSites, from: url, scope: nil, paging: feed.paging, into: list)
            let sites = list.entities.filter { site in
                guard site.attribute("NAME") != nil else { skipped.add("SITE without a NAME attribute"); return false }
                return true
            }.keepingLastInFirstPlace { $0.attribute("NAME") ?? "" }
            fetchedSites = sites.count
            let contacts = siteContacts(sites)
            let records = sites.compactMap { siteRecord($0, contacts: contacts, options: options, skipped: &skipped) }
            groups += records.stableSorted { $0.group }
        }
        skipped.add(table.skipped)
        var bdii = BDIITags()
        if let settings = feed.bdii {
            bdii = try fetchBDII(settings, with: ldap)
            skipped.add(bdii.skipped)
        }
        // Without Sites, the endpoint feed only gave contacts.
        let order = table.outputOrder().filter { feed.sites != nil || table.rows[$0].inServiceGroup }
        let quotedPool = table.pool.strings.map { text in
            var quoted: [UInt8] = []
            JSONWriter.appendASCIIQuoted(text, into: &quoted)
            return quoted
        }
        return TenantTopology(groups: groups, endpoints: table, order: order, contactRows: contactRows, quotedPool: quotedPool,
                              options: options, bdii: bdii, skipped: skipped, fetchedSites: fetchedSites, fetchedServiceGroups: fetchedServiceGroups)
    }

    /// Both BDII searches; the first SRM attribute holds the endpoint URL,
    /// the storage-path attributes are the access rule and the path. A
    /// search that fails (after its attempts) or finds nothing fails the tenant's topology.
    private static func fetchBDII(_ settings: BDIISettings, with client: LDAPClient) throws -> BDIITags {
        let ldap = client.phase()  // both searches within TransferTimeout
        let search = { (filter: String, attributes: [String]) in
            try ldap.search(host: settings.host, port: settings.port, base: settings.queryBase, filter: filter, attributes: attributes)
        }
        let srm = try search(settings.queryFilterSRM, settings.queryAttributesSRM)
        let paths = try search(settings.queryFilterSEPath, settings.queryAttributesSEPath)
        // As upstream devel (af16957, ARGO-5084): a search that finds nothing
        // fails the topology, since tags every storage endpoint carried would vanish.
        for (entries, filter) in [(srm, settings.queryFilterSRM), (paths, settings.queryFilterSEPath)] where entries.isEmpty {
            throw FeedError(kind: .content, url: "ldap://\(settings.host):\(settings.port)/",
                            reason: "the BDII search \(filter) under \(settings.queryBase) found no entry: nothing written or published")
        }
        return BDIITags(srm: srm, srmAttribute: settings.queryAttributesSRM.first ?? "GlueServiceEndpoint", sePaths: paths,
                        ruleAttribute: settings.queryAttributesSEPath.first ?? "GlueVOInfoAccessControlBaseRule",
                        pathAttribute: settings.queryAttributesSEPath.dropFirst().first ?? "GlueVOInfoPath")
    }

    /// `<HOSTNAME>+<SERVICE_TYPE>`, hashed.
    static func contactKey(bytes hostname: UnsafeBufferPointer<UInt8>, _ service: String) -> UInt64 {
        FNV1a.hash(service, seed: FNV1a.hash("+", seed: FNV1a.hash(bytes: hostname)))
    }

    /// 2.3.1's reading of NOTIFICATIONS (a service group's NOTIFY), and of a
    /// service group's and its endpoints' MONITORED and IN_PRODUCTION: y or true, any case.
    static func yOrTrue(_ text: String?) -> Bool {
        guard let text = text?.lowercased() else { return false }
        return text == "true" || text == "y"
    }

    /// A site endpoint's flags: exactly `Y` or `True`, as 2.3.1 compares them.
    static func siteEndpointFlag(_ text: String?) -> Bool { text == "Y" || text == "True" }

    /// The `info_ext_*` tags of `extensions`, each key once (2.3.1's dict).
    static func extensionTags(_ extensions: [(key: String, value: String)]) -> [(String, String)] {
        extensions.keepingLastInFirstPlace(by: \.key).map { ("info_ext_" + $0.key, $0.value) }
    }

    // MARK: groups

    private static func serviceGroupRecord(_ group: GocdbEntity<TenantServiceGroupField>, options: TenantTopologyOptions) -> TenantGroupRecord {
        let flag = yOrTrue(group[.notifications] ?? group[.notify])
        var notifications = options.honorsNotificationFlag ? Notifications(contacts: [], enabled: flag) : nil
        let contacts = filteredContacts(group[.contactEmail].map { [$0] } ?? [])
        if !contacts.isEmpty {
            notifications = Notifications(contacts: contacts, enabled: options.honorsNotificationFlag ? flag : true)
        }
        return TenantGroupRecord(type: "PROJECT", group: options.project, subgroup: group[.name] ?? "",
                                 tags: [("monitored", yOrTrue(group[.monitored]) ? "1" : "0"),
                                        ("scope", group.scopes.joined(separator: ", "))],
                                 notifications: notifications, place: options.place)
    }

    /// SHORT_NAME → the site's CONTACT_EMAIL entries (split on `;`), as 2.3.1 reads them.
    private static func siteContacts(_ sites: [GocdbEntity<TenantSiteField>]) -> [String: [String]] {
        var contacts: [String: [String]] = [:]
        for site in sites {
            guard let name = site[.shortName], let email = site[.contactEmail], !email.isEmpty else { continue }
            contacts[name] = email.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        }
        return contacts
    }

    private static func siteRecord(_ site: GocdbEntity<TenantSiteField>, contacts: [String: [String]], options: TenantTopologyOptions,
                                   skipped: inout SkippedEntities) -> TenantGroupRecord? {
        let name = site.attribute("NAME") ?? ""
        guard let ngi = site.attribute("ROC") ?? site[.roc] else {
            skipped.add("SITE without ROC")
            return nil
        }
        var tags = [("certification", site[.certificationStatus] ?? ""), ("scope", site.scopes.joined(separator: ", ")),
                    ("infrastructure", site[.productionInfrastructure] ?? "")]
        if options.passesExtensions { tags += extensionTags(site.extensions) }
        let flag = yOrTrue(site[.notifications])
        var notifications = options.honorsNotificationFlag ? Notifications(contacts: [], enabled: flag) : nil
        let emails = filteredContacts(contacts[name] ?? [])
        if !emails.isEmpty {
            notifications = Notifications(contacts: emails, enabled: options.honorsNotificationFlag ? flag : true)
        }
        return TenantGroupRecord(type: "NGI", group: ngi, subgroup: name, tags: tags, notifications: notifications, place: options.place)
    }

    /// 2.3.1's `filter_dups_noemails`: each entry once, entries without `@`
    /// dropped, entries holding `,` or `;` split there.
    static func filteredContacts(_ entries: [String]) -> [String] {
        var seen = Set<String>()
        var emails: [String] = []
        for entry in entries where seen.insert(entry).inserted && entry.contains("@") {
            if entry.contains(",") {
                emails += entry.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            } else if entry.contains(";") {
                emails += entry.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            } else {
                emails.append(entry)
            }
        }
        return emails
    }

    // MARK: endpoints

    private static func addServiceGroupEndpoint(_ endpoint: GocdbEntity<TenantEndpointField>, of group: GocdbEntity<TenantServiceGroupField>,
                                                to table: inout TenantEndpointTable, options: TenantTopologyOptions) {
        guard let hostname = endpoint[.hostname] else { return table.skip("SERVICE_GROUP's SERVICE_ENDPOINT without HOSTNAME") }
        guard let service = endpoint[.serviceType] else { return table.skip("SERVICE_GROUP's SERVICE_ENDPOINT without SERVICE_TYPE") }
        // The first ENDPOINT's URL, monitored or not, as 2.3.1.
        let firstURL = endpoint.endpointURLs.lazy.compactMap(\.url).first
        table.add(.init(hostname: hostname, id: endpoint[.primaryKey] ?? endpoint.attribute("PRIMARY_KEY") ?? "", service: service,
                        group: group[.name] ?? "", scopes: endpoint.scopes.joined(separator: ", "),
                        monitored: yOrTrue(endpoint[.nodeMonitored]), production: yOrTrue(endpoint[.inProduction]),
                        notificationsEnabled: yOrTrue(endpoint[.notifications]), inServiceGroup: true,
                        hostDN: nil, url: nil, endpointURLs: firstURL.flatMap { $0.isEmpty ? nil : $0 }, contacts: nil,
                        extensions: options.passesExtensions ? endpoint.extensions : []))
    }
}

/// Turns a tenant's get_service_endpoint entities into compact rows as they stream in.
final class TenantEndpointStore: GocdbEntityStore {
    private(set) var table = TenantEndpointTable()
    private let options: TenantTopologyOptions

    init(options: TenantTopologyOptions) {
        self.options = options
    }

    func mark() -> TenantEndpointTable.Mark { table.mark }
    func rollBack(to mark: TenantEndpointTable.Mark) { table.rollBack(to: mark) }

    func add(_ entity: GocdbEntity<TenantEndpointField>) {
        guard let id = entity.primaryKey else { return table.skip("SERVICE_ENDPOINT without PRIMARY_KEY") }
        guard let hostname = entity[.hostname] else { return table.skip("SERVICE_ENDPOINT without HOSTNAME") }
        guard let service = entity[.serviceType] else { return table.skip("SERVICE_ENDPOINT without SERVICE_TYPE") }
        guard let site = entity[.siteName] else { return table.skip("SERVICE_ENDPOINT without SITENAME") }
        // The monitored ENDPOINTs' URLs (ENDPOINT_MONITORED y, any case).
        var monitoredURLs: [String] = []
        for endpoint in entity.endpointURLs where endpoint.monitored == "Y" || endpoint.monitored == "y" {
            if let url = endpoint.url, !url.isEmpty { monitoredURLs.append(url) }
        }
        let contacts = entity[.contactEmail].flatMap { $0.isEmpty ? nil : $0 }
        table.add(.init(hostname: hostname, id: id, service: service, group: site, scopes: entity.scopes.joined(separator: ", "),
                        monitored: TenantTopology.siteEndpointFlag(entity[.nodeMonitored]),
                        production: TenantTopology.siteEndpointFlag(entity[.inProduction]),
                        notificationsEnabled: TenantTopology.yOrTrue(entity[.notifications]), inServiceGroup: false,
                        hostDN: entity[.hostDN], url: entity[.url],
                        endpointURLs: monitoredURLs.isEmpty ? nil : monitoredURLs.joined(separator: ", "),
                        contacts: contacts, extensions: options.passesExtensions ? entity.extensions : []))
    }
}

extension GocdbMethod where Field == TenantSiteField {
    static var tenantSites: Self { Self(name: "get_site", asksAllScopesWithoutScope: false) }
}

extension GocdbMethod where Field == TenantEndpointField {
    static var tenantServiceEndpoints: Self { Self(name: "get_service_endpoint", asksAllScopesWithoutScope: false) }
}

extension GocdbMethod where Field == TenantServiceGroupField {
    static var tenantServiceGroups: Self { Self(name: "get_service_group", asksAllScopesWithoutScope: false) }
}

extension TenantTopology {
    /// The tenant's records, endpoints made as they are written.
    var product: JobProduct {
        let summary = "Fetched Sites:\(fetchedSites) ServiceGroups:\(fetchedServiceGroups) → Groups:\(groups.count) Endpoints:\(endpointCount)"
        return JobProduct(recordSets: [RecordSet(groups), RecordSet(TenantEndpointRecord.self, count: endpointCount, record: endpointRecord,
                                                                    indentedJSON: appendEndpointJSON)],
                          summary: summary, warnings: skipped.warnings)
    }
}
