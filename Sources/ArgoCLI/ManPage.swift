/// The man page (`argo-connectors.1`) and the bash completion, made from the
/// command table (`Application.commands`): every command, option and exit
/// status they list is one `--help` shows, so neither can drift from the
/// program. `make install` writes both from the binary it installs.
enum ManPage {
    /// roff for man(7).
    static func roff(commands: [CommandSpec], version: String) -> String {
        var lines = [
            ".TH ARGO-CONNECTORS 1 \"\" \"argo-connectors \(version)\" \"User Commands\"",
            ".SH NAME",
            "argo-connectors \\- fetch ARGO topology, downtimes, service types, weights and metric profiles",
            ".SH SYNOPSIS",
            ".B argo-connectors",
            ".I command",
            "[\\fIoptions\\fR]",
            ".SH DESCRIPTION",
            escape("Fetches ARGO tenants' topology, downtimes, service types, weights and metric profiles from GOCDB, CSV and JSON files, the EOSC provider portal, Agora, VAPOR, POEM and the ARGO WEB-API, and writes them as Avro and JSON files, AMS messages and WEB-API resources for the ARGO compute engine. It reads the customer.conf and global.conf of argo-egi-connectors 1.7 and argo-connectors 2.3.1, and answers to their script names."),
            ".SH COMMANDS",
        ]
        for command in commands where command.name != "help" {
            lines += [".SS \(escape(command.usage.replacing("argo-connectors ", with: "")))", escape(sentence(command.summary))]
            if let details = command.details {
                lines += [".PP"] + details.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }
            }
            for option in command.options {
                lines += [".TP", "\\fB\(escape(option.synopsis))\\fR", escape(option.help)]
            }
            if command.exitStatuses.map(\.status) != CommandSpec.runStatuses.map(\.status)
                || command.exitStatuses.map(\.meaning) != CommandSpec.runStatuses.map(\.meaning) {
                lines += [".PP", "Exit status:"]
                for (status, meaning) in command.exitStatuses { lines += [".TP", "\(status)", escape(meaning)] }
            }
        }
        lines += [".SH EXIT STATUS", "Unless a command above says otherwise:"]
        for (status, meaning) in CommandSpec.runStatuses { lines += [".TP", "\(status)", escape(meaning)] }
        lines += [
            ".SH FILES",
            ".TP", "/etc/argo-egi-connectors/customer.conf, /etc/argo-egi-connectors/global.conf",
            escape("the configuration read when -c and -g are not given (before them: $VIRTUAL_ENV/etc/ when VIRTUAL_ENV is set)"),
            ".TP", "/var/log/argo-connectors/connectors.log", "the log file of the installed cron line and systemd timer",
            ".SH SEE ALSO",
            escape("The operator's guide and the other pages of docs/ in the source tree."),
        ]
        return lines.joined(separator: "\n")
    }

    /// A bash completion script: commands (and the 2.3.1 and 1.7 script names' options), each command's options.
    static func bashCompletion(commands: [CommandSpec], scriptNames: [String]) -> String {
        let names = commands.map(\.name).joined(separator: " ")
        var cases: [String] = []
        for command in commands {
            let options = (command.options.flatMap { spec in [spec.short.map { "-\($0)" }, "--\(spec.long)"].compactMap { $0 } } + ["--help"]).joined(separator: " ")
            cases.append("        \(command.name)) opts=\"\(options)\" ;;")
        }
        return """
            # bash completion for argo-connectors, made by `argo-connectors --completion` from its command table.
            _argo_connectors() {
                local cur prev command opts
                cur="${COMP_WORDS[COMP_CWORD]}"
                prev="${COMP_WORDS[COMP_CWORD-1]}"
                if [ "$COMP_CWORD" -eq 1 ]; then
                    COMPREPLY=($(compgen -W "\(names) --help --version --man --completion --script-names" -- "$cur"))
                    return
                fi
                case "$prev" in
                    -c|--customer-conf|-g|--global-conf|--log-file|--state-dir|--binary|--cron-dir|--crontab|--file|--token-file)
                        COMPREPLY=($(compgen -f -- "$cur")); return ;;
                esac
                command="${COMP_WORDS[1]}"
                case "$command" in
            \(cases.joined(separator: "\n"))
                    *) opts="" ;;
                esac
                if [[ "$cur" == -* ]]; then
                    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
                else
                    COMPREPLY=($(compgen -f -- "$cur"))
                fi
            }
            complete -F _argo_connectors argo-connectors
            """
    }

    private static func sentence(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
    }

    /// Text as roff reads it: backslashes doubled, a leading dot or quote
    /// escaped, characters beyond ASCII as `\[uXXXX]` (groff reads no UTF-8 unasked).
    private static func escape(_ text: String) -> String {
        var line = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": line += "\\\\"
            case "-": line += "\\-"
            case _ where scalar.value > 127:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                line += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            default: line.unicodeScalars.append(scalar)
            }
        }
        if line.hasPrefix(".") || line.hasPrefix("'") { line = "\\&" + line }
        return line
    }
}
