import ArgoModel

/// Where and how to publish on the ARGO Messaging Service.
package struct AmsDestination: Sendable {
    var host: String
    package var project: String
    package var topic: String
    /// Sent as `x-api-key`; never logged, never in a URL.
    var token: String
    var bulk: Int
    var packSingleMessage: Bool

    /// `POST <host>/v1/projects/<Project>/topics/<Topic>:publish`; no scheme means https.
    var publishURL: String {
        "\(BaseURL.normalized(host))/v1/projects/\(BaseURL.pathSegment(project))/topics/\(BaseURL.pathSegment(topic)):publish"
    }

    package init(host: String, project: String, topic: String, token: String, bulk: Int, packSingleMessage: Bool) {
        self.host = host
        self.project = project
        self.topic = topic
        self.token = token
        self.bulk = max(1, bulk)
        self.packSingleMessage = packSingleMessage
    }

    /// The customer's AMS settings, when complete.
    package init?(_ settings: AmsSettings) {
        guard let host = settings.host, let project = settings.project, let topic = settings.topic, let token = settings.token else { return nil }
        self.init(host: host, project: project, topic: topic, token: token, bulk: settings.bulk, packSingleMessage: settings.packSingleMessage)
    }
}

