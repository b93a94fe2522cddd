import ArgoConnectors
import Foundation

ConsoleLogHandler.bootstrap()
exit(Application.run(Array(CommandLine.arguments.dropFirst()), programName: CommandLine.arguments.first ?? "argo-connectors"))
