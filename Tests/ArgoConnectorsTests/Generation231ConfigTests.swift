import XCTest
@testable import ArgoConnectors
@testable import ArgoModel
import ArgoTestSupport

/// Issue #19: an argo-connectors 2.3.1 configuration is read with its 2.3.1
/// meaning, from memory (the model touches no disk).
final class Generation231ConfigTests: XCTestCase {
    static let global = """
    [General]
    WriteJson = True
    PublishWebAPI = False
    PassExtensions = True
    CompressJson = True

    [Authentication]
    VerifyServerCert = False
    CAFile = /etc/grid-security/cert.pem
    CAPath = /etc/grid-security/certificates
    HostKey = /etc/grid-security/hostkey.pem
    HostCert = /etc/grid-security/hostcert.pem
    UsePlainHttpAuth = False
    HttpUser = globaluser
    HttpPass = globalpass

    [WebAPI]
    Token = tenant-token
    Host = api.example.org

    [Connection]
    Timeout = 20
    Retry = 2
    SleepRetry = 1
    RetryRandom = True
    SleepRandomRetryMax = 10

    [InputState]
    SaveDir = /var/lib/argo-connectors/states
    Days = 3

    [Output]
    Downtimes = downtimes_DATE.json
    MetricProfile = poem_sync_DATE.json
    TopologyGroupOfEndpoints = group_endpoints_DATE.json
    TopologyGroupOfGroups = group_groups_DATE.json
    Weights = weights_DATE.json

    """

    static let tenant = """
    [CUSTOMER_EGI]
    Name = EGI
    OutputDir = /var/lib/argo-connectors/EGI/
    Jobs = Critical, Cloud
    WebAPIToken = egi-token
    TopoFeedPaging = True
    TopoFeedSites = https://goc.example.org/gocdbpi/private/?method=get_site&scope=
    TopoFeedServiceEndpoints = https://goc.example.org/gocdbpi/private/?method=get_service_endpoint&scope=
    TopoFeedServiceGroups = https://goc.example.org/gocdbpi/private/?method=get_service_group&scope=
    TopoScope = &scope=EGI
    TopoFetchType = Sites, ServiceGroups
    TopoType = GOCDB
    TopoUIDServiceEndpoints = True
    HonorNotificationFlag = True
    ServiceTypesFeed = https://goc.example.org/gocdbpi/private/?method=get_service_types
    DowntimesFeed = https://goc.example.org/gocdbpi/private/?method=get_downtime
    Vaporpi = https://operations-portal.example.org/vapor/sites.json
    WeightsEmpty = False
    DowntimesEmpty = True
    TopoTiers = tier1
    BDII = True
    BDIIHost = bdii.example.org
    BDIIPort = 2170
    BDIIQueryBase = o=grid
    BDIIQueryFilterSRM = (&(objectClass=GlueService)(|(GlueServiceType=srm_v1)(GlueServiceType=srm)))
    BDIIQueryAttributesSRM = GlueServiceEndpoint
    BDIIQueryFilterSEPATH = (objectClass=GlueSATop)
    BDIIQueryAttributesSEPATH = GlueVOInfoAccessControlBaseRule GlueVOInfoPath

    [Critical]
    Dirname = EGI_Critical
    Profiles = ARGO_MON_CRITICAL
    MetricProfileNamespace = ch.cern.SAM

    [Cloud]
    Dirname = EGI_Cloud
    Profiles = FEDCLOUD
    MetricProfileNamespace = ch.cern.SAM

    """

    private func load(global: String = global, customers: String) -> (Configuration?, DiagnosticLog) {
        Configuration.load(globalPath: "/mem/global.conf", customerPath: "/mem/customer.conf", sources: ConnectorCatalogue.declarations,
                           files: MemoryFiles(files: ["/mem/global.conf": Array(global.utf8), "/mem/customer.conf": Array(customers.utf8),
                                                      // The host's certificate and key, which validation reads.
                                                      "/etc/grid-security/hostcert.pem": [], "/etc/grid-security/hostkey.pem": []]))
    }

    func testEveryOptionHasIts231Meaning() throws {
        let (loaded, log) = load(customers: Self.tenant)
        let configuration = try XCTUnwrap(loaded, "\(log.entries)")
        XCTAssertEqual(log.entries.map(\.description), [])
        let global = configuration.global
        XCTAssertEqual(global.generation, .argo231)
        XCTAssertTrue(global.writeJSON)
        XCTAssertFalse(global.writeAvro, "no Avro in 2.3.1")
        XCTAssertFalse(global.publishAms)
        XCTAssertTrue(global.passExtensions)
        XCTAssertTrue(global.compressJSON)
        XCTAssertEqual(global.connection.retries, 1, "Retry = 2 is two attempts in 2.3.1")
        XCTAssertEqual(global.connection.randomSleepRetryMaxSeconds, 10, "RetryRandom: random waits of up to 10 s")
        XCTAssertEqual(global.outputNames[.poem], "poem_sync_DATE.json", "[Output] MetricProfile")
        XCTAssertEqual(Set(configuration.schemas.keys), Set(OutputKind.allCases), "no [AvroSchemas]: the records shaped as 2.3.1 writes them")
        let customer = configuration.customers.customers[0]
        XCTAssertEqual(customer.generation, .argo231)
        XCTAssertEqual(customer.webAPI.token, "egi-token")
        let tenant = try XCTUnwrap(customer.tenant)
        XCTAssertEqual(tenant.topoType, DataSource.gocdb.rawValue)
        XCTAssertEqual(tenant.topoFetchTypes, ["Sites", "ServiceGroups"])
        let given = tenant.options
        XCTAssertTrue(given.flag(.topoFeedPaging))
        XCTAssertEqual(given.text(.topoFeedSites), "https://goc.example.org/gocdbpi/private/?method=get_site&scope=")
        XCTAssertEqual(given.text(.topoScope), "&scope=EGI")
        XCTAssertTrue(given.flag(.topoUIDServiceEndpoints))
        XCTAssertTrue(given.flag(.honorNotificationFlag))
        XCTAssertEqual(given.text(.serviceTypesFeed), "https://goc.example.org/gocdbpi/private/?method=get_service_types")
        XCTAssertEqual(given.text(.downtimesFeed), "https://goc.example.org/gocdbpi/private/?method=get_downtime")
        XCTAssertEqual(given.text(.vaporpi), "https://operations-portal.example.org/vapor/sites.json")
        XCTAssertFalse(given.flag(.weightsEmpty))
        XCTAssertTrue(given.flag(.downtimesEmpty))
        XCTAssertEqual(given.list(.topoTiers), ["tier1"], "one tier is one tier, not its characters")
        XCTAssertEqual(BDIISettings(given), BDIISettings(
            host: "bdii.example.org", port: 2170, queryBase: "o=grid",
            queryFilterSRM: "(&(objectClass=GlueService)(|(GlueServiceType=srm_v1)(GlueServiceType=srm)))",
            queryAttributesSRM: ["GlueServiceEndpoint"], queryFilterSEPath: "(objectClass=GlueSATop)",
            queryAttributesSEPath: ["GlueVOInfoAccessControlBaseRule", "GlueVOInfoPath"]))
        XCTAssertEqual(customer.jobs.map(\.dirname), ["EGI_Critical", "EGI_Cloud"])
        XCTAssertEqual(customer.jobs.map(\.profiles), [["ARGO_MON_CRITICAL"], ["FEDCLOUD"]])
        XCTAssertEqual(customer.jobs[0].metricProfileNamespace, "ch.cern.SAM")
    }

    func testBadTenantOptionsAreNamedWithTheirLines() {
        let broken = Self.tenant
            .replacingOccurrences(of: "TopoType = GOCDB", with: "TopoType = GOCBD")
            .replacingOccurrences(of: "BDIIPort = 2170\n", with: "")
            .replacingOccurrences(of: "Vaporpi = https://", with: "Vaporpi = ftp://")
            .replacingOccurrences(of: "Profiles = FEDCLOUD\n", with: "")
        let (_, log) = load(customers: broken)
        let errors = log.errors.map(\.description)
        XCTAssertTrue(errors.contains { $0.hasPrefix("/mem/customer.conf:12: [CUSTOMER_EGI] TopoType = 'GOCBD' is not one of GOCDB, CSV, JSON, EOSC-PROVIDERS, AGORA, LOT1SC") }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.contains("[CUSTOMER_EGI] the BDII options go together: BDIIPort missing") }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.contains("[CUSTOMER_EGI] Vaporpi = 'ftp://operations-portal.example.org/vapor/sites.json' must be an http://, https:// or file:// URL") }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.contains("[Cloud] needs the option Profiles") }, "\(errors)")
        let missingType = load(customers: Self.tenant.replacingOccurrences(of: "TopoType = GOCDB\n", with: "")).1
        XCTAssertTrue(missingType.errors.contains { $0.description.contains("[CUSTOMER_EGI] needs the option TopoType") }, "\(missingType.entries)")
    }

    func testGenerationsDoNotMix() {
        let seventeenGlobal = "[General]\nWriteAvro = True\n[AvroSchemas]\nWeights = /mem/w.avsc\n[Output]\nWeights = weights_DATE.avro\n"
        let (_, tenantOn17) = load(global: seventeenGlobal, customers: Self.tenant)
        XCTAssertTrue(tenantOn17.errors.contains {
            $0.description.hasPrefix("/mem/customer.conf:11: [CUSTOMER_EGI] is an argo-connectors 2.3.1 tenant (customer-level TopoType or TopoFetchType) but /mem/global.conf is a 1.7 global.conf")
        }, "\(tenantOn17.entries)")
        let customer17 = "[CUSTOMER_EGI]\nName = EGI\nOutputDir = /out\nJobs = J\n[J]\nDirname = J\nTopoFetchType = Sites\n"
        let (_, seventeenOn231) = load(customers: customer17)
        XCTAssertTrue(seventeenOn231.errors.contains {
            $0.description.hasPrefix("/mem/customer.conf:1: [CUSTOMER_EGI] is an argo-egi-connectors 1.7 customer (no customer-level TopoType or TopoFetchType) but /mem/global.conf is an argo-connectors 2.3.1 global.conf")
        }, "\(seventeenOn231.entries)")
        let neither = load(global: "[General]\nWriteJson = True\n[Output]\nWeights = weights_DATE.json\n", customers: customer17).1
        XCTAssertTrue(neither.errors.contains { $0.description.contains("missing section [AvroSchemas] (an argo-connectors 2.3.1 global.conf has none") },
                      "a file of neither generation says what each would need: \(neither.entries)")
    }
}
