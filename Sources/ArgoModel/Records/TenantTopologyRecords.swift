/// Who is told about a topology entity, and whether (argo-connectors
/// 2.3.1's `notifications`: `{"contacts": [...], "enabled": bool}`).
package struct Notifications: Sendable, Equatable {
    var contacts: [String]
    var enabled: Bool

    package init(contacts: [String], enabled: Bool) {
        self.contacts = contacts
        self.enabled = enabled
    }

    package var json: JSONValue {
        .object([("contacts", .array(contacts.map(JSONValue.string))), ("enabled", .bool(enabled))])
    }

    /// A record's `notifications` member for these contacts, always enabled
    /// (2.3.1's flat and provider topologies); none without contacts.
    package static func member(_ contacts: [String]) -> [(String, JSONValue)] {
        contacts.isEmpty ? [] : [("notifications", Notifications(contacts: contacts, enabled: true).json)]
    }

    /// Where 2.3.1 puts `notifications` among a record's keys: with
    /// HonorNotificationFlag every record has it at the place its parser
    /// gave it; without, only records with contacts have it, after `tags`.
    package enum Place: Sendable {
        case inRecord, afterTags
    }
}

/// A 2.3.1 tenant's `group_groups` record: a site in its NGI or a service
/// group in the tenant's project, with its notifications. Written as
/// 2.3.1 orders the keys: `notifications` after `subgroup` for a site,
/// before it for a service group (with HonorNotificationFlag), after `tags` without.
package struct TenantGroupRecord: JSONShapedRecord, Equatable {
    package var type: String
    package var group: String
    package var subgroup: String
    package var tags: [(String, String)]
    var notifications: Notifications?
    var place: Notifications.Place

    package init(type: String, group: String, subgroup: String, tags: [(String, String)],
                 notifications: Notifications?, place: Notifications.Place) {
        self.type = type
        self.group = group
        self.subgroup = subgroup
        self.tags = tags
        self.notifications = notifications
        self.place = place
    }

    package static let kind = OutputKind.groupOfGroups
    package static let fields: [OutputField<Self>] = [
        .string("type") { $0.type }, .string("group") { $0.group }, .string("subgroup") { $0.subgroup }, .tags("tags") { $0.tags },
    ]

    package var json: JSONValue {
        let notes = notifications.map { [("notifications", $0.json)] } ?? []
        let inRecord = place == .inRecord ? notes : []
        let siteFirst = type == "NGI"
        return .object([("type", .string(type)), ("group", .string(group))] + (siteFirst ? [] : inRecord)
            + [("subgroup", .string(subgroup))] + (siteFirst ? inRecord : [])
            + [("tags", .stringObject(tags))] + (place == .afterTags ? notes : []))
    }

    package static func == (a: Self, b: Self) -> Bool {
        a.type == b.type && a.group == b.group && a.subgroup == b.subgroup && a.tags.elementsEqual(b.tags, by: ==)
            && a.notifications == b.notifications
    }
}

/// A 2.3.1 tenant's `group_groups` record made by a catalogue source
/// (Agora, LOT1SC, EOSC providers), as its JSON in the source's key order.
package struct TenantGroupJSONRecord: JSONShapedRecord, Equatable {
    package let json: JSONValue

    package init(json: JSONValue) {
        self.json = json
    }

    package static let kind = OutputKind.groupOfGroups
    package static let fields: [OutputField<Self>] = [
        .string("type") { $0.json.text("type") }, .string("group") { $0.json.text("group") }, .string("subgroup") { $0.json.text("subgroup") },
        .tags("tags") { $0.json.tagPairs },
    ]
}

/// A 2.3.1 tenant's `group_endpoints` record, as its JSON (the tenant's
/// topology writes its endpoints itself, in 2.3.1's key and tag order;
/// this is what it wrote, read back, for the WEB-API and the pipeline).
package struct TenantEndpointRecord: JSONShapedRecord, Equatable {
    package let json: JSONValue

    package init(json: JSONValue) {
        self.json = json
    }

    package static let kind = OutputKind.groupOfEndpoints
    package static let fields: [OutputField<Self>] = [
        .string("type") { $0.json.text("type") }, .string("group") { $0.json.text("group") }, .string("service") { $0.json.text("service") },
        .string("hostname") { $0.json.text("hostname") },
        .tags("tags") { $0.json.tagPairs },
    ]
}

extension JSONValue {
    /// A record's text member, or "".
    fileprivate func text(_ key: String) -> String { self[key]?.stringValue ?? "" }

    /// A record's `tags` as pairs.
    fileprivate var tagPairs: [(String, String)] { self["tags"]?.objectMembers?.map { ($0.0, $0.1.stringValue ?? "") } ?? [] }

    /// An object of string values, in order.
    package static func stringObject(_ pairs: [(String, String)]) -> JSONValue {
        .object(pairs.map { ($0.0, .string($0.1)) })
    }
}
