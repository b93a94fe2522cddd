import ArgoModel

/// What a 2.3.1 GOCDB tenant's topology needs: its three PI URLs (each with
/// `TopoScope` appended, as 2.3.1 does), paging, and how records are made.
package struct TenantTopologyFeed: Hashable, Sendable {
    /// `TopoFeedSites`, when Sites are fetched.
    let sites: GocdbEndpoint?
    /// `TopoFeedServiceEndpoints`: the sites' endpoints, and every endpoint's contacts.
    let endpoints: GocdbEndpoint?
    /// `TopoFeedServiceGroups`, when ServiceGroups are fetched.
    let serviceGroups: GocdbEndpoint?
    let paging: Bool
    /// `BDII = True`: the LDAP searches for SRM ports and storage paths.
    let bdii: BDIISettings?
    let options: TenantTopologyOptions

    init?(customer: CustomerConfig, tenant: TenantConfig, passExtensions: Bool) {
        let kinds = Set(tenant.topoFetchTypes.map { $0.lowercased() })
        let given = tenant.options
        let endpoint = { (option: SourceOption) in
            given.text(option).map { GocdbEndpoint(requestURL: $0 + (given.text(.topoScope) ?? ""), authentication: customer.authentication) }
        }
        sites = kinds.contains("sites") ? endpoint(.topoFeedSites) : nil
        serviceGroups = kinds.contains("servicegroups") ? endpoint(.topoFeedServiceGroups) : nil
        endpoints = endpoint(.topoFeedServiceEndpoints)
        guard sites != nil || serviceGroups != nil else { return nil }
        paging = given.flag(.topoFeedPaging)
        bdii = BDIISettings(given)
        options = TenantTopologyOptions(project: customer.name, uidHostnames: given.flag(.topoUIDServiceEndpoints),
                                        honorsNotificationFlag: given.flag(.honorNotificationFlag), passesExtensions: passExtensions)
    }
}

/// How a tenant's records are made (2.3.1's customer and global switches).
struct TenantTopologyOptions: Hashable, Sendable {
    /// The customer's Name: the group of its service groups.
    let project: String
    /// `TopoUIDServiceEndpoints`: hostnames `<HOSTNAME>_<ID>`, the host name kept as tag `hostname`.
    let uidHostnames: Bool
    /// `HonorNotificationFlag`: every record says whether it notifies.
    let honorsNotificationFlag: Bool
    /// `[General] PassExtensions`: EXTENSIONS as `info_ext_*` tags.
    let passesExtensions: Bool

    var place: Notifications.Place { honorsNotificationFlag ? .inRecord : .afterTags }
}
