import XCTest
@testable import ArgoConnectors
@testable import ArgoSystem

/// Issue #31, point 5: a BDII's entries are processed in linear time.
final class BDIITagsTests: XCTestCase {
    /// 100,000 storage areas on one host (2.3.1 and this package before took minutes: each entry
    /// compared with every earlier one): every distinct path kept once, in DN order.
    func testOneHostsHundredThousandEntriesAreEachLookedAtOnce() {
        let entries = (0..<100_000).map { index in
            LDAPEntry(dn: "GlueVOInfoLocalID=vo\(index),GlueSALocalID=pool,GlueSEUniqueID=se.example.org,o=grid",
                      values: ["GlueVOInfoAccessControlBaseRule": ["VO:vo\(index)"], "GlueVOInfoPath": ["/pool/\(index % 50_000)"]])
        }
        let tags = BDIITags(srm: [], srmAttribute: "GlueServiceEndpoint", sePaths: entries,
                            ruleAttribute: "GlueVOInfoAccessControlBaseRule", pathAttribute: "GlueVOInfoPath")
        let host = tags.tags(hostname: "se.example.org", service: "webdav")
        XCTAssertEqual(host.count, 50_000, "a path already given on the host is not given again")
        XCTAssertEqual(Set(host.map(\.1)).count, 50_000)
    }
}
