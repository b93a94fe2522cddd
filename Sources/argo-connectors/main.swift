import ArgoConnectors
import Foundation

exit(Application.run(Array(CommandLine.arguments.dropFirst())))
