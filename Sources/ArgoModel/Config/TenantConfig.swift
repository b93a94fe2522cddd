/// What a customer section of argo-connectors 2.3.1 holds beside the 1.7
/// options: the tenant's topology, downtimes, weights and service-type
/// sources, read with their 2.3.1 meaning
/// (../shared/spec/argo-connectors-2.3.1.md, section 3.2). Present exactly
/// when the section has a customer-level `TopoType` or `TopoFetchType`.
package struct TenantConfig: Sendable, Equatable {
    /// `TopoType`: where the topology comes from (one of `DataSource.topoTypes`).
    package var topoType: DataSource = .gocdb
    /// `TopoFetchType`: GOCDB `Sites`, `ServiceGroups` or both; for the flat
    /// sources, the first item (upper-cased) is the endpoints' `type`.
    package var topoFetchTypes: [String] = []
    package var topoFeed: String?
    /// `TopoFeedPaging`: GOCDB `next_cursor` or provider `from`/`quantity` paging.
    package var topoFeedPaging = false
    package var topoFeedSites: String?
    package var topoFeedServiceEndpoints: String?
    package var topoFeedServiceGroups: String?
    package var topoFeedServiceEndpointsExtensions: String?
    /// `TopoScope`: appended to the GOCDB URLs (`&scope=...`).
    package var topoScope: String?
    /// `TopoUIDServiceEndpoints`: hostnames as `<HOSTNAME>_<ID>`.
    package var topoUIDServiceEndpoints = false
    /// `TopoTiers`: LOT1SC tiers, lower-cased.
    package var topoTiers: [String] = []
    package var honorNotificationFlag = false
    package var serviceTypesFeed: String?
    package var downtimesFeed: String?
    /// `Vaporpi`: the VAPOR feed.
    package var vaporpi: String?
    /// `WeightsEmpty`, `DowntimesEmpty`: fetch nothing, write and send empty data.
    package var weightsEmpty = false
    package var downtimesEmpty = false
    package var bdii: BDIISettings?
    package var oidcRefreshToken: String?
    package var oidcTokenEndpoint: String?
    package var oidcClientId: String?

    init() {}

    /// Every URL option, with the data it feeds (for checks of URLs and of
    /// the TLS files https needs). `TopoFeed` also feeds flat service types.
    var feedOptions: [(option: String, url: String?, data: [DataKind])] {
        [("TopoFeed", topoFeed, [.topology, .serviceTypes]), ("TopoFeedSites", topoFeedSites, [.topology]),
         ("TopoFeedServiceEndpoints", topoFeedServiceEndpoints, [.topology]), ("TopoFeedServiceGroups", topoFeedServiceGroups, [.topology]),
         ("TopoFeedServiceEndpointsExtensions", topoFeedServiceEndpointsExtensions, [.topology]),
         ("ServiceTypesFeed", serviceTypesFeed, [.serviceTypes]), ("DowntimesFeed", downtimesFeed, [.downtimes]),
         ("Vaporpi", vaporpi, [.weights]), ("OIDCTokenEndpoint", oidcTokenEndpoint, [.topology])]
    }

    /// `BDII = True` and its seven options (all or none).
    package struct BDIISettings: Sendable, Hashable {
        package var host: String
        package var port: Int
        package var queryBase: String
        package var queryFilterSRM: String
        package var queryAttributesSRM: [String]
        package var queryFilterSEPath: String
        package var queryAttributesSEPath: [String]
    }
}
