import XCTest
import ArgoCLI
import ArgoConnectors
import ArgoModel
import ArgoCLITestSupport
import ArgoTestSupport

/// The command line, `all`, the script names and the configuration scopes
/// all come from the one catalogue of connectors.
final class CatalogueTests: XCTestCase {
    func testTheCatalogueHasEachConnectorOnce() {
        let descriptors = ConnectorCatalogue.descriptors
        XCTAssertEqual(descriptors.map { "\($0.command) \($0.source.optionValue)" },
                       ["topology gocdb", "topology csv", "topology json", "topology provider", "topology agora", "topology lot1sc",
                        "downtimes gocdb", "downtimes csv", "weights vapor", "poem poem", "metric-profiles webapi",
                        "service-types gocdb", "service-types csv", "service-types json"])
        XCTAssertEqual(ConnectorCatalogue.commands.map(\.name), ["topology", "downtimes", "weights", "poem", "metric-profiles", "service-types"])
        for command in ConnectorCatalogue.commands {
            XCTAssertEqual(Set(command.descriptors.map(\.data)).count, 1, "\(command.name): one kind of data")
            XCTAssertEqual(Set(command.descriptors.map(\.stateName)).count, 1, "\(command.name): one state file name")
            XCTAssertEqual(Set(command.sources).count, command.sources.count, "\(command.name): each source once")
            // A 2.3.1 tenant's TopoType names at most one source of each command.
            for type in DataSource.topoTypes {
                XCTAssertLessThanOrEqual(command.descriptors.filter { $0.generations.contains(.argo231) && $0.topoTypes.contains(type) }.count, 1,
                                         "\(command.name) \(type)")
            }
        }
        XCTAssertEqual(Set(descriptors.flatMap(\.scriptNames)).count, descriptors.flatMap(\.scriptNames).count, "script names are unique")
        for generation in [ConfigGeneration.egi17] {
            let outputs = descriptors.filter { $0.generations.contains(generation) }.flatMap(\.outputs)
            XCTAssertEqual(outputs.sorted { $0.rawValue < $1.rawValue }, OutputKind.fileOutputs.sorted { $0.rawValue < $1.rawValue },
                           "every \(generation.rawValue) output is written by exactly one connector")
        }
    }

    func testEveryConnectorIsACommandWithItsHelp() {
        let overview = runApp(["--help"]).stdout
        for command in ConnectorCatalogue.commands {
            let primary = command.descriptors[0]
            XCTAssertTrue(overview.contains("\n  \(command.name) "), "\(command.name) in the overview")
            XCTAssertTrue(overview.contains(primary.summary), primary.summary)
            let help = runApp([command.name, "--help"])
            XCTAssertEqual(help.status, 0)
            XCTAssertTrue(help.stdout.contains(primary.details.components(separatedBy: "\n")[0]), help.stdout)
            for descriptor in command.descriptors.dropFirst() {
                XCTAssertTrue(help.stdout.contains("\(descriptor.source.optionValue) (\(descriptor.scriptNames.joined(separator: ", ")))"), help.stdout)
            }
        }
        let all = runApp(["all", "--help"]).stdout
        XCTAssertTrue(all.contains("Run topology, downtimes, weights, poem, metric-profiles and service-types for a day"), all)
    }

    func testEveryScriptNameIsListedAndRunsItsConnector() {
        let listed = runApp(["--script-names"]).stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(listed, ["downtimes-csv-connector.py", "downtimes-gocdb-connector.py", "metricprofile-webapi-connector.py", "poem-connector.py",
                                "replay-avro-data.py", "service-types-csv-connector.py", "service-types-gocdb-connector.py", "service-types-json-connector.py",
                                "topology-agora-connector.py", "topology-csv-connector.py", "topology-gocdb-connector.py", "topology-json-connector.py",
                                "topology-lot1sc-connector.py", "topology-provider-connector.py", "weights-vapor-connector.py"])
        XCTAssertEqual(listed.filter { $0 != "poem-connector.py" && $0 != "replay-avro-data.py" }.count, 13, "every 2.3.1 script")
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
