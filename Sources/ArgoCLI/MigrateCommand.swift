import ArgoConnectors
import ArgoModel
import ArgoSystem
import FoundationEssentials
import Glibc

/// `migrate-from-venv DIR`: switches a host where argo-connectors 2.3.1 ran
/// from a Python virtual environment (`DIR/usr/bin/*-connector.py`,
/// `DIR/etc/*.conf`, `DIR/var/`) to this package, in place. A dry run
/// unless `--apply`: it prints the plan, one line per step.
///
/// - The configuration files and the state folder stay where they are (this
///   package reads both as 2.3.1 left them); they are validated first.
/// - The EOSC portal's rotated refresh token (`DIR/var/spool/provider_token.json`)
///   is copied where this package keeps it, or the next run would present a spent one.
/// - The 2.3.1 scripts become links to this binary (originals kept beside them).
/// - The venv's cron lines are commented out (or, in a user's crontab,
///   listed for the operator), and one cron file runs every tenant of the
///   venv with `all`, so nothing runs twice; the package's own line, which
///   reads /etc/argo-egi-connectors/, is turned off too.
enum MigrateCommand {
    static let apply = Flag("apply", help: "make the changes (without it: a dry run that prints what would be done)")
    static let cronDir = Option<String>("cron-dir", value: "DIR", help: "the cron.d folder (default /etc/cron.d)")
    static let crontab = Option<String>(repeatable: "crontab", value: "FILE",
                                        help: "another crontab to look into (default /etc/crontab and root's in /var/spool/cron)")
    static let binary = Option<String>("binary", value: "PATH", help: "the binary the scripts and the cron line run (default: this one)")

    static var spec: CommandSpec {
        CommandSpec(name: "migrate-from-venv", summary: "switch a host where argo-connectors 2.3.1 ran from a Python venv to this package",
                    options: [apply, cronDir, crontab, binary], positionals: "DIR", positionalRange: 1...1, details: """
                        Finds the venv's configurations (DIR/etc/*.conf) and state folder and keeps them where they are,
                        copies the EOSC portal's rotated refresh token, replaces the 2.3.1 scripts in DIR/usr/bin by links to
                        this binary (originals kept in DIR/usr/bin/.argo-connectors-2.3.1/), comments out the venv's cron
                        lines and writes one cron file running every tenant with `all`. Without --apply it only says what it
                        would do.
                        """, exitStatuses: [(0, "done (or, without --apply, a plan without problems)"), (1, "a step failed, or the configuration has errors"),
                                            (2, "DIR is no argo-connectors 2.3.1 venv, or a usage error")],
                    run: run)
    }

    /// What the plan says of each step; problems make the exit status 1.
    private struct Report {
        let output: any TextOutput
        var problems = 0

        mutating func say(_ line: String) { output.writeLine(line) }
        mutating func problem(_ line: String) {
            problems += 1
            output.writeLine("problem: " + line)
        }
    }

    private static func run(_ arguments: ParsedArguments, environment: RunEnvironment) throws -> ExitStatus {
        var venv = arguments.positionals[0]
        while venv.count > 1 && venv.hasSuffix("/") { venv.removeLast() }
        let applying = arguments[apply]
        let scriptNames = Set(ConnectorCatalogue.descriptors.flatMap(\.scriptNames).filter { $0.hasSuffix(".py") })
        let scripts = LocalFiles.entries(of: "\(venv)/usr/bin").filter { scriptNames.contains($0) }.sorted()
        let configurations = LocalFiles.entries(of: "\(venv)/etc").filter { $0.hasSuffix(".conf") && !$0.hasPrefix(".") }.sorted()
        guard !scripts.isEmpty || LocalFiles.isDirectory("\(venv)/usr/bin/.argo-connectors-2.3.1"), configurations.contains("global.conf") else {
            environment.errors.writeLine("argo-connectors: migrate-from-venv: \(venv) is no argo-connectors 2.3.1 virtual environment (no connector scripts in usr/bin, or no etc/global.conf)")
            return .usageOrConfiguration
        }
        var report = Report(output: environment.output)
        report.say("venv: \(venv) (\(scripts.count) connector script\(scripts.count == 1 ? "" : "s") in usr/bin)")
        let global = "\(venv)/etc/global.conf"
        let customers = configurations.filter { $0 != "global.conf" }.map { "\(venv)/etc/\($0)" }
        let reading = Configuration.read(globalPath: global, customerPaths: customers)
        report.say("configuration: \(global) and \(customers.joined(separator: ", ")) (kept where they are)")
        if reading.log.errors.isEmpty {
            report.say("check: valid (\(reading.log.warnings.count) warning\(reading.log.warnings.count == 1 ? "" : "s"); argo-connectors validate-config -g \(global) -c \(venv)/etc/ lists them)")
        } else {
            for error in reading.log.errors { report.problem(error.description) }
        }
        guard let configuration = reading.configuration else {
            report.say("nothing changed: the configuration must be mended first")
            return .runtimeFailure
        }
        if let saveDir = configuration.global.stateSaveDir {
            report.say("state: \(saveDir) (kept: this package reads and writes 2.3.1's state files)")
        }
        copyRefreshToken(venv: venv, configuration: configuration, applying: applying, report: &report)
        let binaryPath = try arguments.value(binary) ?? LocalFiles.canonicalPath("/proc/self/exe")
        linkScripts(scripts, venv: venv, binary: binaryPath, applying: applying, report: &report)
        let folder = try arguments.value(cronDir) ?? "/etc/cron.d"
        var tabs = try arguments.values(crontab)
        if tabs.isEmpty { tabs = ["/etc/crontab", "/var/spool/cron/root", "/var/spool/cron/crontabs/root"].filter(LocalFiles.exists) }
        switchCron(venv: venv, folder: folder, crontabs: tabs, scriptNames: scriptNames, binary: binaryPath, global: global,
                   customers: customers, applying: applying, report: &report)
        report.say(applying ? "done\(report.problems == 0 ? "" : " with \(report.problems) problem\(report.problems == 1 ? "" : "s")")"
                            : "dry run: nothing changed; run again with --apply")
        return report.problems == 0 ? .success : .runtimeFailure
    }

    /// 2.3.1 kept one rotated token for the venv; this package keeps one per tenant in SaveDir/<Name>/.
    private static func copyRefreshToken(venv: String, configuration: Configuration, applying: Bool, report: inout Report) {
        let source = "\(venv)/var/spool/provider_token.json"
        guard LocalFiles.exists(source) else { return }
        let tenants = configuration.customers.customers.filter { $0.tenant?.source == .eoscProviders && $0.tenant?.options.has(.oidcRefreshToken) == true }
        guard let first = tenants.first else {
            report.say("token: \(source) is used by no tenant with OIDCRefreshToken (left alone)")
            return
        }
        guard let saveDir = configuration.global.stateSaveDir else {
            report.problem("token: \(source) cannot be carried over: global.conf has no [InputState] SaveDir (where this package keeps it)")
            return
        }
        let target = "\(saveDir)/\(first.name)/oidc-refresh-token.json"
        if tenants.count > 1 {
            report.say("token: 2.3.1 shared one refresh token among \(tenants.map(\.name).joined(separator: ", ")); it goes to \(first.name) alone: give the others their own OIDCRefreshToken")
        }
        guard !LocalFiles.exists(target) else {
            report.say("token: \(target) exists already (kept; \(source) not copied)")
            return
        }
        report.say("token: \(source) → \(target) (mode 600)")
        guard applying else { return }
        do {
            let bytes = try LocalFiles.read(source, limit: LocalFiles.SizeLimit.state)
            try FileManager.default.createDirectory(atPath: "\(saveDir)/\(first.name)", withIntermediateDirectories: true)
            try AtomicFileWriter.replace(target, with: bytes, permissions: 0o600)
        } catch {
            report.problem("token: \(target): \(error)")
        }
    }

    /// Each 2.3.1 script → a link to the binary under its name; the original kept aside.
    private static func linkScripts(_ scripts: [String], venv: String, binary: String, applying: Bool, report: inout Report) {
        guard !scripts.isEmpty else { return }
        let keep = "\(venv)/usr/bin/.argo-connectors-2.3.1"
        report.say("scripts: \(scripts.count) in \(venv)/usr/bin → links to \(binary) (originals kept in \(keep)/)")
        guard applying else { return }
        do {
            try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            for name in scripts {
                let path = "\(venv)/usr/bin/\(name)"
                if LocalFiles.canonicalPath(path) == LocalFiles.canonicalPath(binary) { continue }
                if !LocalFiles.exists("\(keep)/\(name)") { try FileManager.default.moveItem(atPath: path, toPath: "\(keep)/\(name)") }
                try? FileManager.default.removeItem(atPath: path)
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: binary)
            }
        } catch {
            report.problem("scripts: \(error)")
        }
    }

    static let marker = "# disabled by argo-connectors migrate-from-venv: "
    static let cronFile = "argo-connectors-venv"

    /// The venv's cron lines off, one `all` line for its tenants on.
    private static func switchCron(venv: String, folder: String, crontabs: [String], scriptNames: Set<String>, binary: String,
                                   global: String, customers: [String], applying: Bool, report: inout Report) {
        let ours = "\(folder)/\(cronFile)"
        let files = LocalFiles.entries(of: folder).filter { !$0.hasPrefix(".") && $0 != cronFile }.sorted().map { "\(folder)/\($0)" } + crontabs
        for file in files {
            guard let text = try? String(decoding: LocalFiles.read(file), as: UTF8.self) else { continue }
            // Files in cron.d and /etc/crontab are the system's: edited. A user's crontab is crontab(1)'s: listed.
            let editable = file.hasPrefix(folder + "/") || file == "/etc/crontab" || !file.contains("/spool/")
            var lines = text.components(separatedBy: "\n")
            var changed = false
            for (index, line) in lines.enumerated() {
                let trimmed = line.trimmingWhitespace()
                guard !trimmed.hasPrefix("#"), !trimmed.isEmpty else { continue }
                let runsVenv = trimmed.contains(venv + "/") && scriptNames.contains { trimmed.contains($0) }
                // The package's own line reads /etc/argo-egi-connectors/, not the venv's files.
                let packageDefault = file.hasSuffix("/argo-egi-connectors") && trimmed.contains("argo-connectors all") && !trimmed.contains(" -c ")
                guard runsVenv || packageDefault else { continue }
                let why = runsVenv ? "the venv's" : "the package's default (reads /etc/argo-egi-connectors/)"
                if editable {
                    report.say("cron: \(file):\(index + 1): \(why) line commented out: \(trimmed)")
                    lines[index] = marker + line
                    changed = true
                } else {
                    report.say("cron: \(file):\(index + 1): \(why) line — remove it yourself (crontab -e), it is not edited: \(trimmed)")
                }
            }
            if changed && applying {
                do {
                    try AtomicFileWriter.replace(file, with: Array(lines.joined(separator: "\n").utf8), permissions: mode_t(LocalFiles().permissions(of: file) ?? 0o644))
                } catch {
                    report.problem("cron: \(file): \(error)")
                }
            }
        }
        let command = ([binary, "all", "--quiet", "--syslog", "--log-file", "/var/log/argo-connectors/connectors.log", "-g", global]
                       + customers.flatMap { ["-c", $0] }).joined(separator: " ")
        let cron = """
            # Written by argo-connectors migrate-from-venv: the tenants of the 2.3.1 venv \(venv),
            # every connector once a day for yesterday, in place of the venv's own lines
            # (commented out, marked "disabled by argo-connectors migrate-from-venv").
            MAILTO=root
            PATH=/usr/sbin:/usr/bin:/sbin:/bin
            30 0 * * * root \(command)

            """
        report.say("cron: \(ours): 30 0 * * * root \(command)")
        guard applying else { return }
        do {
            try AtomicFileWriter.replace(ours, with: Array(cron.utf8), permissions: 0o644)
        } catch {
            report.problem("cron: \(ours): \(error)")
        }
    }
}
