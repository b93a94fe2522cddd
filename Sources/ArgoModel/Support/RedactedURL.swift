import FoundationEssentials

/// Removes credentials from URLs before they reach a log or an error.
package enum RedactedURL {
    static let secretParameters: Set<String> = ["key", "token", "api_key", "apikey", "password", "pass", "access_token"]

    package static func display(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return "<unparseable URL>" }
        if components.user != nil || components.password != nil {
            components.user = nil
            components.password = nil
        }
        if let items = components.queryItems, items.contains(where: { secretParameters.contains($0.name.lowercased()) }) {
            components.percentEncodedQuery = items.map { item in
                let value = secretParameters.contains(item.name.lowercased()) ? "***" : (item.value ?? "")
                return item.value == nil ? item.name : "\(item.name)=\(value)"
            }.joined(separator: "&")
        }
        return components.string ?? "<unparseable URL>"
    }
}
