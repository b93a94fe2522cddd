import ArgoCLI
import Glibc

exit(Application.main(CommandLine.arguments))
