import ArgoModel

/// Where and how to publish on the ARGO Messaging Service.
public struct AmsDestination: Sendable {
    public var host: String
    public var project: String
    public var topic: String
    /// Sent as `x-api-key`; never logged, never in a URL.
    public var token: String
    public var bulk: Int
    public var packSingleMessage: Bool

    /// `POST <host>/v1/projects/<Project>/topics/<Topic>:publish`; no scheme means https.
    public var publishURL: String {
        "\(BaseURL.normalized(host))/v1/projects/\(BaseURL.pathSegment(project))/topics/\(BaseURL.pathSegment(topic)):publish"
    }

    public init(host: String, project: String, topic: String, token: String, bulk: Int, packSingleMessage: Bool) {
        self.host = host
        self.project = project
        self.topic = topic
        self.token = token
        self.bulk = max(1, bulk)
        self.packSingleMessage = packSingleMessage
    }

    /// The customer's AMS settings, when complete.
    public init?(_ settings: AmsSettings) {
        guard let host = settings.host, let project = settings.project, let topic = settings.topic, let token = settings.token else { return nil }
        self.init(host: host, project: project, topic: topic, token: token, bulk: settings.bulk, packSingleMessage: settings.packSingleMessage)
    }
}

