/// The one reading of yes/no values: configuration booleans, GOCDB's Y/N
/// flags and the Monitored and Production selection tags.
package enum YesNo {
    /// ConfigParser's getboolean: 1/yes/true/on and 0/no/false/off, any case.
    package static func parse(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "yes", "true", "on": return true
        case "0", "no", "false", "off": return false
        default: return nil
        }
    }

    /// A GOCDB flag: GOCDB's Y, or any yes `parse` knows; anything else is no.
    package static func flag(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.lowercased() == "y" || parse(text) == true
    }

    /// A flag as ARGO's tag value, "1" or "0".
    package static func tagValue(_ text: String?) -> String { flag(text) ? "1" : "0" }
}
