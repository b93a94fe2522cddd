import Foundation
import XCTest
import ArgoModel
import ArgoTestSupport

/// The model reads a source's options from its declarations alone: a source
/// it has never heard of (`DEMO`, declared here) is read, checked, dumped
/// and masked as the connectors' own are.
final class SourceDeclarationsTests: XCTestCase {
    private static let feed = SourceOption("DemoFeed", at: .customer, [.argo231], address: .feed([.topology], localPath: true))
    private static let key = SourceOption("DemoKey", at: .customer, [.argo231], secret: true)
    private static let pages = SourceOption("DemoPages", at: .customer, [.argo231], kind: .number(minimum: 1), default: "5")
    private static let strict = SourceOption("DemoStrict", at: .customer, [.argo231], kind: .flag, default: "True")
    private static let zones = SourceOption("DemoZones", at: .customer, [.argo231], kind: .lowercasedList)
    private static let mode = SourceOption("DemoMode", at: .job, [.egi17], kind: .choice(["Fast", "Slow"]), default: "Fast", stops: .weights)
    private static let jobFeed = SourceOption("DemoJobFeed", at: .job, [.egi17], address: .feed([.weights]), default: "https://demo.example.org/", stops: .weights)

    private static let sources = SourceDeclarations(
        topoTypes: ["DEMO", "OTHER"], options: [feed, key, pages, strict, zones, mode, jobFeed, feed],
        rules: [
            SourceRule(.topoType("DEMO"), stops: .topology) { context in
                if context.settings.has(feed) && context.settings.list(zones).isEmpty {
                    context.error(context.line(feed), "DemoFeed needs DemoZones")
                }
            },
            SourceRule(.job) { context in
                if context.settings.choice(mode) == "Slow" { context.warning(context.line(mode), "DemoMode Slow is slow") }
            },
        ])

    private static let outputs = "\n[Output]\n" + ["Downtimes", "MetricProfile", "TopologyGroupOfEndpoints", "TopologyGroupOfGroups", "Weights"]
        .map { "\($0) = \($0)_DATE.json" }.joined(separator: "\n")
    private static let global231 = "[General]\nWriteJson = True\nPassExtensions = False\n[InputState]\nSaveDir = /mem/state" + outputs + "\n"
    private static let global17 = "[General]\nWriteAvro = True\n[AvroSchemas]\n"
        + OutputKind.fileOutputs.map { "\($0.rawValue) = /mem/schema.avsc" }.joined(separator: "\n")
        + "\n[Output]\n" + OutputKind.fileOutputs.map { "\($0.rawValue) = \($0.rawValue)_DATE.avro" }.joined(separator: "\n") + "\n"

    private func read(global: String = global231, customers: String) -> Configuration.Reading {
        let schema = FileManager.default.contents(atPath: Paths.schemas + "/weight_sites.avsc").map(Array.init) ?? []
        let files = MemoryFiles(files: ["/mem/global.conf": Array(global.utf8), "/mem/customer.conf": Array(customers.utf8), "/mem/schema.avsc": schema])
        return Configuration.read(globalPath: "/mem/global.conf", customerPaths: ["/mem/customer.conf"], sources: Self.sources, files: files)
    }

    private static let tenant = """
    [CUSTOMER_D]
    Name = D
    OutputDir = /mem/out
    Jobs = JOB_D
    TopoType = demo
    TopoFetchType = Things
    DemoFeed = /srv/demo.csv
    DemoKey = k3y
    DemoZones = North, SOUTH
    DemoPags = 3

    [JOB_D]
    Dirname = D
    Profiles = P

    """

    func testADeclaredSourceIsReadWithItsKindsAndDefaults() throws {
        let reading = read(customers: Self.tenant)
        let tenant = try XCTUnwrap(reading.configuration?.customers.customers.first?.tenant, "\(reading.log.entries)")
        XCTAssertEqual(tenant.topoType, "DEMO", "the TopoType as declared")
        XCTAssertEqual(tenant.options.text(Self.feed), "/srv/demo.csv", "a local path is allowed where declared so")
        XCTAssertEqual(tenant.options.list(Self.zones), ["north", "south"])
        XCTAssertEqual(tenant.options.number(Self.pages), 5, "the declared default")
        XCTAssertTrue(tenant.options.flag(Self.strict), "the declared default")
        XCTAssertFalse(tenant.options.has(Self.pages))
        // An unknown option is warned about with the nearest declared one.
        XCTAssertEqual(reading.log.warnings.map(\.description),
                       ["/mem/customer.conf:10: warning: [CUSTOMER_D] unknown option DemoPags: it has no effect (did you mean DemoPages?)"])
        let defaults = reading.defaults.filter { $0.section == "CUSTOMER_D" }.map { "\($0.option)=\($0.value ?? "")" }
        XCTAssertEqual(defaults, ["DemoPages=5", "DemoStrict=True"])
        XCTAssertTrue(reading.configuration?.known.isSecret("DemoKey") == true, "declared secret")
        let dump = reading.customerINI.map { JSONWriter.serialize($0.dump(showSecrets: false, known: reading.known)) } ?? ""
        XCTAssertTrue(dump.contains(#""demokey": "***""#), dump)
        XCTAssertFalse(dump.contains("k3y"), dump)
    }

    func testItsValuesAndRulesAreCheckedWithTheirLines() {
        let bad = Self.tenant.replacingOccurrences(of: "TopoType = demo", with: "TopoType = nope")
            .replacingOccurrences(of: "DemoFeed = /srv/demo.csv", with: "DemoFeed = ftp://x")
            .replacingOccurrences(of: "DemoZones = North, SOUTH", with: "DemoPages = 0")
        let errors = read(customers: bad).log.errors.map(\.description)
        XCTAssertEqual(errors, [
            "/mem/customer.conf:5: [CUSTOMER_D] TopoType = 'nope' is not one of DEMO, OTHER",
            "/mem/customer.conf:9: [CUSTOMER_D] DemoPages = '0' is not a whole number ≥ 1",
            // An unknown TopoType is read as the first declared one (its rules too), which the error stops.
            "/mem/customer.conf:7: [CUSTOMER_D] DemoFeed needs DemoZones",
            "/mem/customer.conf:7: [CUSTOMER_D] DemoFeed = 'ftp://x' must be an http://, https:// or file:// URL",
        ])
        // The rule of the DEMO TopoType, only for it.
        let noZones = Self.tenant.replacingOccurrences(of: "DemoZones = North, SOUTH\n", with: "")
        XCTAssertEqual(read(customers: noZones).log.errors.map(\.description), ["/mem/customer.conf:7: [CUSTOMER_D] DemoFeed needs DemoZones"])
        let other = noZones.replacingOccurrences(of: "TopoType = demo", with: "TopoType = Other")
        XCTAssertEqual(read(customers: other).log.errors.map(\.description), [])
    }

    func testAJobsDeclaredOptionsStopOnlyTheirConnector() throws {
        let customers = "[CUSTOMER_C]\nName = C\nOutputDir = /mem/out\nJobs = JOB_C\n[JOB_C]\nDirname = C\nDemoMode = sideways\nDemoJobFeed = gopher://x\n"
        let reading = read(global: Self.global17, customers: customers)
        let configuration = try XCTUnwrap(reading.configuration, "\(reading.log.entries)")
        XCTAssertEqual(reading.log.errors.map(\.description), [
            "/mem/customer.conf:7: [JOB_C] DemoMode = 'sideways' must be Fast or Slow",
            "/mem/customer.conf:8: [JOB_C] DemoJobFeed = 'gopher://x' must be an http://, https:// or file:// URL",
        ])
        XCTAssertEqual(configuration.problems(connector: .weights, customer: "CUSTOMER_C", job: "JOB_C").count, 2)
        XCTAssertEqual(configuration.problems(connector: .topology, customer: "CUSTOMER_C", job: "JOB_C").count, 0)
        XCTAssertEqual(configuration.customers.customers[0].jobs[0].options.choice(Self.mode), "Fast", "a bad choice falls back to its default")
        // The job rule, and the declared default of a feed asked over https.
        let slow = read(global: Self.global17, customers: customers.replacingOccurrences(of: "sideways", with: "SLOW")
            .replacingOccurrences(of: "DemoJobFeed = gopher://x\n", with: ""))
        XCTAssertEqual(slow.log.warnings.map(\.description), ["/mem/customer.conf:7: warning: [JOB_C] DemoMode Slow is slow"])
        XCTAssertEqual(slow.configuration?.customers.customers[0].jobs[0].options.choice(Self.mode), "Slow", "kept as declared")
    }

    func testOptionsOfNoDeclarationAreUnknown() {
        let reading = read(customers: Self.tenant + "[CUSTOMER_E]\nName = E\nOutputDir = /mem/e\nJobs = JOB_E\nTopoType = OTHER\nTopoFetchType = X\nVaporpi = http://v/\n[JOB_E]\nDirname = E\nProfiles = P\n")
        XCTAssertTrue(reading.log.warnings.map(\.description).contains("/mem/customer.conf:21: warning: [CUSTOMER_E] unknown option Vaporpi: it has no effect"),
                      "\(reading.log.warnings)")
    }
}
