import XCTest
@testable import ArgoConnectors
@testable import ArgoModel
@testable import ArgoSystem
import ArgoTestSupport

/// Every file of the conformance GOCDB set parses to the records the rules give.
final class GocdbConformanceTests: XCTestCase {
    let customer = CustomerConfig(section: "CUSTOMER_X", line: 1, name: "EUDAT", outputDir: "/tmp", ams: AmsSettings(),
                                  authentication: AuthenticationSettings())

    /// Runs the topology connector on an offline feed made of conformance files.
    private func topology(sites: String? = nil, endpoints: String? = nil, groups: String? = nil,
                          fetchType: TopoFetchType = .sites, groupSelection: String = "", paging: Bool = false) throws -> JobProduct {
        let directory = TempDirectory()
        for (file, name) in [(sites, "get_site"), (endpoints, "get_service_endpoint"), (groups, "get_service_group")] {
            directory.write("\(name).xml", file.map { Paths.fixtureText("gocdb/\($0)") } ?? "<results/>")
        }
        var job = JobConfig(section: "JOB_T", line: 1, dirname: "T")
        job.options[.jobTopoFetchType] = .text(fetchType.rawValue)
        job.options[.topoSelectGroupOfGroups] = .selection(try TagSelection(parsing: groupSelection))
        job.options[.jobTopoFeed] = .text("file://\(directory.path)/")
        job.options[.jobTopoFeedPaging] = .flag(paging)
        let connector = TopologyConnector(context: testContext(testHTTPClient(), date: RunDate(year: 2026, month: 1, day: 1)))
        let feed = try XCTUnwrap(connector.feed(for: customer, job: job))
        return try connector.produce(try connector.fetch(feed), for: JobTarget(customer: customer, job: job, date: RunDate(year: 2026, month: 1, day: 1)))
    }

    private func rows(_ product: JobProduct, _ kind: OutputKind) -> [String] {
        product.recordSets.first { $0.kind == kind }.map { set in (0..<set.count).map(set.row) }!.map { row in
            row.map { value -> String in
                switch value {
                case .string(let s): return s
                case .map(let entries): return entries.map { "\($0.0)=\(AvroJSONRenderer.json($0.1, schema: .string).stringValue!)" }.joined(separator: ",")
                default: return "?"
                }
            }.joined(separator: " | ")
        }
    }

    func testSiteXML() throws {
        let product = try topology(sites: "site.xml")
        XCTAssertEqual(rows(product, .groupOfGroups), [
            "NGI | NGI_CZ | prague_cesnet_lcg2_cert | certification=Closed,infrastructure=Production,scope=EGI",
            "NGI | NGI_SK | IISAS-Bratislava | certification=Certified,infrastructure=Production,scope=EGI",
            "NGI | NGI_SK | TU-Kosice | certification=Certified,infrastructure=Production,scope=EGI",
        ])
    }

    func testSitesWithContactsAndTheMinimalShape() throws {
        XCTAssertEqual(rows(try topology(sites: "sites_with_contacts.xml"), .groupOfGroups), [
            "NGI | EUDAT_REGISTRY | DATACITE | certification=Candidate,infrastructure=DICE,scope=",
            "NGI | EUDAT_REGISTRY | INFN | certification=Candidate,infrastructure=DICE,scope=",
        ])
        // get_site's minimal shape carries NAME and ROC as attributes only.
        XCTAssertEqual(rows(try topology(sites: "sites_biomed.xml"), .groupOfGroups), [
            "NGI | NGI_FRANCE | AUVERGRID | certification=,infrastructure=,scope=",
            "NGI | NGI_IT | CNR-ILC-PISA | certification=,infrastructure=,scope=",
        ])
    }

    func testPagedSiteDocument() throws {
        let product = try topology(sites: "topofeedpaging.xml")
        XCTAssertEqual(rows(product, .groupOfGroups), [
            "NGI | SDC-ALL | FZ-JUELICH | certification=Certified,infrastructure=Production,scope=SDC",
            "NGI | SDC-ALL | IGME-GR | certification=Certified,infrastructure=Production,scope=SDC",
        ])
        var page = GocdbPageInfo()
        let reader = GocdbEntityReader(SiteField.self) { _ in }
        let parser = XMLPushParser(handler: reader)
        let bytes = Array(Paths.fixtureText("gocdb/topofeedpaging.xml").utf8)
        try bytes.withUnsafeBytes { try parser.consume($0) }
        try parser.finish()
        page = reader.page
        XCTAssertEqual(page.count, 95)
        XCTAssertEqual(page.nextHref.flatMap(GocdbClient.nextCursor), "134")
    }

    func testServiceEndpointXML() throws {
        // Endpoints are kept only for selected sites: list the sites they name.
        let directory = TempDirectory()
        let sites = ["GSI-LCG2", "RAL-LCG2", "AZ-IFAN", "GRIDOPS-CheckIn"].map { "<SITE NAME=\"\($0)\" ROC=\"NGI\"/>" }.joined()
        directory.write("sites.xml", "<results>\(sites)</results>")
        var job = JobConfig(section: "JOB_T", line: 1, dirname: "T")
        job.options[.jobTopoFeed] = .text("file://\(directory.path)/")
        directory.write("get_site.xml", "<results>\(sites)</results>")
        directory.write("get_service_endpoint.xml", Paths.fixtureText("gocdb/service_endpoint.xml"))
        let connector = TopologyConnector(context: testContext(testHTTPClient(), date: RunDate(year: 2026, month: 1, day: 1)))
        let product = try connector.produce(try connector.fetch(connector.feed(for: customer, job: job)!),
                                            for: JobTarget(customer: customer, job: job, date: RunDate(year: 2026, month: 1, day: 1)))
        XCTAssertEqual(rows(product, .groupOfEndpoints), [
            "SITES | AZ-IFAN | CREAM-CE | ce.physics.science.az | scope=EGI, wlcg, atlas,monitored=1,production=1",
            "SITES | GRIDOPS-CheckIn | egi.aai.oidc | aai.egi.eu | scope=EGI,monitored=1,production=1",
            "SITES | GSI-LCG2 | CE | grid13.gsi.de | scope=EGI, wlcg, tier2, alice,monitored=0,production=0",
            "SITES | RAL-LCG2 | gLite-APEL | arc-ce01.gridpp.rl.ac.uk | scope=EGI, wlcg, tier1, alice, atlas, cms, lhcb,monitored=1,production=1",
        ])
    }

    func testEndpointFilesWithContactsAndMinimalShape() throws {
        for (file, expected) in [("service_endpoint_with_contacts.xml", ["SITE1|some.fqdn.com|service.type", "SITE1|some.fqdn1.com|service.type1", "SITE2|some.fqdn2.com|service.type2"]),
                                 ("service_endpoint_biomed.xml", ["HG-02-IASA|cream-ce01.marie.hellasgrid.gr|APEL", "TR-10-ULAKBIM|kalkan1.ulakbim.gov.tr|APEL"])] {
            var entities: [GocdbEntity<EndpointField>] = []
            let parser = XMLPushParser(handler: GocdbEntityReader(EndpointField.self) { entities.append($0) })
            try Array(Paths.fixtureText("gocdb/\(file)").utf8).withUnsafeBytes { try parser.consume($0) }
            try parser.finish()
            XCTAssertEqual(entities.map { "\($0[.siteName]!)|\($0[.hostname]!)|\($0[.serviceType]!)" }.sorted(), expected, file)
        }
    }

    func testServiceGroupWithNestedEndpointsAndScopesAfterThem() throws {
        let product = try topology(groups: "service_group_with_contacts.xml", fetchType: .serviceGroups)
        XCTAssertEqual(rows(product, .groupOfGroups), [
            "PROJECT | EUDAT | B2FIND-Askeladden | monitored=0,scope=EUDAT",
            "PROJECT | EUDAT | B2FIND-UHH | monitored=0,scope=EUDAT",
        ])
        XCTAssertEqual(rows(product, .groupOfEndpoints), [
            "SERVICEGROUPS | B2FIND-Askeladden | b2find.ckan | b2find.eudat.eu | scope=,monitored=1,production=0",
            "SERVICEGROUPS | B2FIND-UHH | b2find.ckan | b2find.eudat.eu | scope=,monitored=1,production=0",
        ])
    }

    func testDowntimeXML() throws {
        var entities: [GocdbEntity<DowntimeField>] = []
        let parser = XMLPushParser(handler: GocdbEntityReader(DowntimeField.self) { entities.append($0) })
        try Array(Paths.fixtureText("gocdb/gocdb_downtimes.xml").utf8).withUnsafeBytes { try parser.consume($0) }
        try parser.finish()
        XCTAssertEqual(entities.count, 3)
        // mock1 is a WARNING; mock2 and mock3 are OUTAGEs from 2022-10-27 22:00 to 2025-05-09 12:00.
        let first = DowntimesConnector.records(from: entities, on: RunDate(year: 2022, month: 10, day: 27))
        XCTAssertEqual(first, [
            DowntimeRecord(hostname: "mock2.foo2", service: "foo2-BDII", startTime: "2022-10-27T22:00:00Z", endTime: "2022-10-27T23:59:00Z"),
            DowntimeRecord(hostname: "mock3.foo3", service: "foo3-AUU", startTime: "2022-10-27T22:00:00Z", endTime: "2022-10-27T23:59:00Z"),
        ])
        let middle = DowntimesConnector.records(from: entities, on: RunDate(year: 2024, month: 2, day: 29))
        XCTAssertEqual(middle.map(\.startTime), ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"])
        XCTAssertEqual(middle.map(\.endTime), ["2024-02-29T23:59:00Z", "2024-02-29T23:59:00Z"])
        let last = DowntimesConnector.records(from: entities, on: RunDate(year: 2025, month: 5, day: 9))
        XCTAssertEqual(last.map(\.endTime), ["2025-05-09T12:00:00Z", "2025-05-09T12:00:00Z"])
        XCTAssertEqual(DowntimesConnector.records(from: entities, on: RunDate(year: 2025, month: 5, day: 10)), [])
        XCTAssertEqual(DowntimesConnector.records(from: entities, on: RunDate(year: 2022, month: 10, day: 26)), [])
    }
}
