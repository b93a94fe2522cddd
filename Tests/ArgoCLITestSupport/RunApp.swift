import ArgoCLI
import ArgoSystem
import ArgoTestSupport

// What needs the command line: the layers below test without linking it.
// Plain imports: `swift build -c release` builds this library too, and
// a @testable import between regular targets does not build there.

/// Runs `argo-connectors` in this process through `Application.run`, with
/// its own streams and cancellation, the way `main` runs it.
package func runApp(_ arguments: [String], variables: [String: String] = [:], programName: String = "argo-connectors",
            cancellation: Cancellation = Cancellation(), calendar: any RunCalendar = SystemCalendar()) -> RunResult {
    let output = CapturedOutput(), errors = CapturedOutput()
    let environment = RunEnvironment(output: output, errors: errors, cancellation: cancellation, calendar: calendar, variables: variables)
    let status = Application.run(arguments, environment: environment, programName: programName)
    return RunResult(status: status, stdout: output.captured, stderr: errors.captured)
}


extension Kit {
    /// Runs `connector` under its 2.3.1 script name with the kit's
    /// customer.conf (edited) and the global.conf of `phase`, feeds at `feeds`.
    package static func run(_ connector: String, phase: String, feeds: TestHTTPServer, webAPI: String = "127.0.0.1:9", in directory: TempDirectory,
                    date: String = "2022-10-27", extra: [String] = [], edit: (String) -> String = { $0 }) -> RunResult {
        let customer = file("\(connector).customer.conf", in: directory, feed: feeds.baseURL, edit: edit)
        let global = file("global.\(phase).conf", in: directory, webAPI: webAPI)
        return runApp(["-c", customer, "-g", global, "-d", date] + extra, programName: "\(connector)-connector.py")
    }
}
