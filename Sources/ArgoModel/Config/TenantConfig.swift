/// What a customer section of argo-connectors 2.3.1 holds beside the 1.7
/// options: which source its topology comes from and what it fetches, and
/// the options its sources declared, read with their 2.3.1 meaning
/// (../shared/spec/argo-connectors-2.3.1.md, section 3.2). Present exactly
/// when the section has a customer-level `TopoType` or `TopoFetchType`.
package struct TenantConfig: Sendable, Equatable {
    /// `TopoType`: where the topology comes from (one of the declared TopoTypes, as declared).
    package var topoType: String
    /// `TopoFetchType`: what the topology source fetches (GOCDB `Sites`,
    /// `ServiceGroups` or both; the endpoints' type for the flat sources).
    package var topoFetchTypes: [String] = []
    /// The sources' options the section gives.
    package var options = SourceSettings()

    package init(topoType: String) {
        self.topoType = topoType
    }
}
