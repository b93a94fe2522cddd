import Foundation

/// Where commands write: stdout for results, stderr for messages.
public enum Console {
    public static func out(_ line: String) {
        print(line)
    }

    public static func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    public static func flush() {
        fflush(stdout)
    }
}
