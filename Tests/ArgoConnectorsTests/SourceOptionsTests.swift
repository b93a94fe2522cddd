import XCTest
import ArgoConnectors
import ArgoModel

/// Issue #32: each source declares its options beside its connector, and
/// the catalogue gathers them; these hold the gathered set to what the
/// connectors read (2.3.1's customer options, 1.7's job options) and keep
/// declarations of one option from disagreeing.
final class SourceOptionsTests: XCTestCase {
    private let declarations = ConnectorCatalogue.declarations

    func testTheCatalogueDeclaresEveryOptionTheSourcesRead() {
        let known = KnownOptions(sources: declarations)
        let names = { (place: KnownOptions.Place, generation: ConfigGeneration) in
            Set(known.at(place).filter { $0.generations.contains(generation) }.map(\.name))
        }
        // ../shared/spec/argo-connectors-2.3.1.md, 3.2 (OIDC from upstream devel).
        XCTAssertEqual(names(.customer, .argo231).subtracting(names(.customer, .egi17)), [
            "TopoType", "TopoFetchType", "TopoFeed", "TopoFeedPaging", "TopoFeedSites", "TopoFeedServiceEndpoints",
            "TopoFeedServiceGroups", "TopoFeedServiceEndpointsExtensions", "TopoScope", "TopoUIDServiceEndpoints",
            "TopoTiers", "HonorNotificationFlag", "ServiceTypesFeed", "DowntimesFeed", "Vaporpi", "WeightsEmpty",
            "DowntimesEmpty", "BDII", "BDIIHost", "BDIIPort", "BDIIQueryBase", "BDIIQueryFilterSRM",
            "BDIIQueryAttributesSRM", "BDIIQueryFilterSEPATH", "BDIIQueryAttributesSEPATH",
            "OIDCRefreshToken", "OIDCTokenEndpoint", "OIDCClientId",
        ])
        // ../shared/spec/egi-connectors.md, customer.conf.
        XCTAssertEqual(names(.job, .egi17), ["Dirname", "Profiles", "PoemNamespace", "PoemServerHost", "PoemServerVO", "TopoFetchType",
                                             "TopoSelectGroupOfGroups", "TopoSelectGroupOfEndpoints", "TopoFeed", "TopoFeedPaging",
                                             "DowntimesFeed", "WeightsFeed"])
        XCTAssertEqual(names(.job, .argo231), ["Dirname", "Profiles", "MetricProfileNamespace"])
        XCTAssertEqual(declarations.topoTypes, ["GOCDB", "CSV", "JSON", "EOSC-PROVIDERS", "AGORA", "LOT1SC"])
    }

    /// An option read by several sources is declared once: every descriptor
    /// that lists it lists the same declaration.
    func testAnOptionListedByManySourcesIsOneDeclaration() {
        let listed = ConnectorCatalogue.descriptors.flatMap(\.options)
        for option in listed {
            for other in listed where other == option {
                XCTAssertTrue(other.kind == option.kind && other.address == option.address && other.defaultValue == option.defaultValue
                                && other.isSecret == option.isSecret && other.stops == option.stops && other.generations == option.generations,
                              "\(option.name) is declared twice, differently")
            }
        }
        XCTAssertGreaterThan(listed.count, declarations.options.count, "shared options are listed by several sources")
    }

    /// `--dump` masks and the permission check warns about exactly the
    /// options declared secret; unknown names fall back to the name rule.
    func testSecretsAreTheDeclaredOnes() {
        let known = KnownOptions(sources: declarations)
        let secret = Set(ConnectorCatalogue.descriptors.flatMap(\.options).filter(\.isSecret).map(\.name))
        XCTAssertEqual(secret, ["OIDCRefreshToken"])
        for name in ["OIDCRefreshToken", "Token", "HttpPass", "PoemToken", "WebAPIToken", "AmsToken", "AuthenticationHttpPass", "AuthenticationPoemToken"] {
            XCTAssertTrue(known.isSecret(name), name)
        }
        for name in ["TopoFeed", "OIDCClientId", "Host", "HttpUser", "BDIIHost"] { XCTAssertFalse(known.isSecret(name), name) }
        XCTAssertTrue(known.isSecret("OIDCRefreshTokn") == false && known.isSecret("ExtraPassword"), "unknown names by the name rule")
    }

    /// A TopoType is a declared source, and every one has a topology connector.
    func testEveryTopoTypeHasATopologyConnector() {
        for type in declarations.topoTypes {
            XCTAssertTrue(ConnectorCatalogue.descriptors.contains { $0.data == .topology && $0.topoTypes.map(\.rawValue).contains(type) }, type)
        }
    }
}

/// The catalogue is the sources' entries: each connector under the source its descriptor names.
final class SourceCatalogueOrderTests: XCTestCase {
    func testEachSourceListsItsConnectorsInTheCommandsOrder() {
        for source in DataSource.allCases {
            for connector in source.entry.connectors { XCTAssertEqual(connector.descriptor.source, source, "\(connector)") }
        }
        XCTAssertEqual(ConnectorCatalogue.connectors.map { "\($0)" }, [
            "TopologyConnector", "CSVTopologyConnector", "JSONTopologyConnector", "ProviderTopologyConnector", "AgoraTopologyConnector",
            "Lot1scTopologyConnector", "DowntimesConnector", "CSVDowntimesConnector", "WeightsConnector", "PoemConnector",
            "WebAPIMetricProfilesConnector", "GocdbServiceTypesConnector", "CSVServiceTypesConnector", "JSONServiceTypesConnector",
        ])
        XCTAssertEqual(DataSource.allCases.map(\.optionValue), ["gocdb", "csv", "json", "provider", "agora", "lot1sc", "vapor", "poem", "webapi"])
    }
}
