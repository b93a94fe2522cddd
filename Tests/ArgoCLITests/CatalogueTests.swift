import XCTest
@testable import ArgoCLI
@testable import ArgoConnectors
@testable import ArgoModel
@testable import ArgoTestSupport

/// The command line, `all`, the script names and the configuration scopes
/// all come from the one catalogue of connectors.
final class CatalogueTests: XCTestCase {
    func testTheCatalogueHasEachConnectorOnce() {
        let descriptors = ConnectorCatalogue.descriptors
        XCTAssertEqual(descriptors.map(\.command), ["topology", "downtimes", "weights", "poem", "metric-profiles", "service-types"])
        XCTAssertEqual(descriptors.map(\.data), [.topology, .downtimes, .weights, .metricProfiles, .metricProfiles, .serviceTypes])
        XCTAssertEqual(descriptors.map(\.source), [.gocdb, .gocdb, .vapor, .poem, .webAPI, .gocdb])
        XCTAssertEqual(descriptors.map(\.stateName), ["topology", "downtimes", "weights", "poem", "metricprofile", "services"])
        XCTAssertEqual(Set(descriptors.map(\.command)).count, descriptors.count, "commands are unique")
        XCTAssertEqual(Set(descriptors.flatMap(\.scriptNames)).count, descriptors.flatMap(\.scriptNames).count, "script names are unique")
        for generation in [ConfigGeneration.egi17] {
            let outputs = descriptors.filter { $0.generations.contains(generation) }.flatMap(\.outputs)
            XCTAssertEqual(outputs.sorted { $0.rawValue < $1.rawValue }, OutputKind.fileOutputs.sorted { $0.rawValue < $1.rawValue },
                           "every \(generation.rawValue) output is written by exactly one connector")
        }
    }

    func testEveryConnectorIsACommandWithItsHelp() {
        let overview = runApp(["--help"]).stdout
        for descriptor in ConnectorCatalogue.descriptors {
            XCTAssertTrue(overview.contains("\n  \(descriptor.command) "), "\(descriptor.command) in the overview")
            XCTAssertTrue(overview.contains(descriptor.summary), descriptor.summary)
            let help = runApp([descriptor.command, "--help"])
            XCTAssertEqual(help.status, 0)
            XCTAssertTrue(help.stdout.contains(descriptor.details.components(separatedBy: "\n")[0]), help.stdout)
        }
        let all = runApp(["all", "--help"]).stdout
        XCTAssertTrue(all.contains("Run topology, downtimes, weights, poem, metric-profiles and service-types for a day"), all)
    }

    func testEveryScriptNameIsListedAndRunsItsConnector() {
        let listed = runApp(["--script-names"]).stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(listed, ["downtimes-gocdb-connector.py", "metricprofile-webapi-connector.py", "poem-connector.py", "replay-avro-data.py",
                                "service-types-gocdb-connector.py", "topology-gocdb-connector.py", "weights-vapor-connector.py"])
        for descriptor in ConnectorCatalogue.descriptors {
            for script in descriptor.scriptNames {
                let help = runApp(["--help"], programName: "/usr/libexec/argo-egi-connectors/\(script)")
                XCTAssertEqual(help.status, 0)
                XCTAssertTrue(help.stdout.hasPrefix("usage: argo-connectors \(descriptor.command) "), "\(script): \(help.stdout.prefix(80))")
            }
        }
    }

    func testOutputsBelongToTheirDataKind() {
        XCTAssertEqual(OutputKind.groupOfGroups.data, .topology)
        XCTAssertEqual(OutputKind.groupOfEndpoints.data, .topology)
        XCTAssertEqual(OutputKind.downtimes.data, .downtimes)
        XCTAssertEqual(OutputKind.weights.data, .weights)
        XCTAssertEqual(OutputKind.poem.data, .metricProfiles)
        XCTAssertNil(WebAPIResource(.poem), "metric profiles live in the WEB-API already")
        XCTAssertEqual(WebAPIResource(.groupOfEndpoints)?.rawValue, "topology/endpoints")
    }
}
