/// Who is told about a topology entity, and whether (argo-connectors
/// 2.3.1's `notifications`: `{"contacts": [...], "enabled": bool}`).
package struct Notifications: Sendable, Equatable {
    package var contacts: [String]
    package var enabled: Bool

    package init(contacts: [String], enabled: Bool) {
        self.contacts = contacts
        self.enabled = enabled
    }

    package var json: JSONValue {
        .object([("contacts", .array(contacts.map(JSONValue.string))), ("enabled", .bool(enabled))])
    }

    /// As member `notifications` of `object`.
    func append(to object: inout JSONWriter.IndentedObject, into out: inout [UInt8]) {
        object.member("notifications", into: &out) { notifications, out in
            notifications.member("contacts", strings: contacts, into: &out)
            notifications.member("enabled", bool: enabled, into: &out)
        }
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
    package var notifications: Notifications?
    package var place: Notifications.Place

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

    package func appendIndentedJSON(level: Int, into out: inout [UInt8]) {
        var object = JSONWriter.IndentedObject(level: level, into: &out)
        let inRecord = place == .inRecord ? notifications : nil
        object.member("type", string: type, into: &out)
        object.member("group", string: group, into: &out)
        if type != "NGI" { inRecord?.append(to: &object, into: &out) }
        object.member("subgroup", string: subgroup, into: &out)
        if type == "NGI" { inRecord?.append(to: &object, into: &out) }
        object.member("tags", stringPairs: tags, into: &out)
        if place == .afterTags { notifications?.append(to: &object, into: &out) }
        object.close(into: &out)
    }

    package static func == (a: Self, b: Self) -> Bool {
        a.type == b.type && a.group == b.group && a.subgroup == b.subgroup && a.tags.elementsEqual(b.tags, by: ==)
            && a.notifications == b.notifications
    }
}

/// A 2.3.1 tenant's `group_endpoints` record, `notifications` after
/// `service` (with HonorNotificationFlag) or after `tags`.
package struct TenantEndpointRecord: JSONShapedRecord, Equatable {
    package var type: String
    package var group: String
    package var service: String
    package var hostname: String
    package var tags: [(String, String)]
    package var notifications: Notifications?
    package var place: Notifications.Place

    package init(type: String, group: String, service: String, hostname: String, tags: [(String, String)],
                 notifications: Notifications?, place: Notifications.Place) {
        self.type = type
        self.group = group
        self.service = service
        self.hostname = hostname
        self.tags = tags
        self.notifications = notifications
        self.place = place
    }

    package static let kind = OutputKind.groupOfEndpoints
    package static let fields: [OutputField<Self>] = [
        .string("type") { $0.type }, .string("group") { $0.group }, .string("service") { $0.service },
        .string("hostname") { $0.hostname }, .tags("tags") { $0.tags },
    ]

    package var json: JSONValue {
        let notes = notifications.map { [("notifications", $0.json)] } ?? []
        return .object([("type", .string(type)), ("group", .string(group)), ("service", .string(service))]
            + (place == .inRecord ? notes : []) + [("hostname", .string(hostname)), ("tags", .stringObject(tags))]
            + (place == .afterTags ? notes : []))
    }

    package func appendIndentedJSON(level: Int, into out: inout [UInt8]) {
        var object = JSONWriter.IndentedObject(level: level, into: &out)
        object.member("type", string: type, into: &out)
        object.member("group", string: group, into: &out)
        object.member("service", string: service, into: &out)
        if place == .inRecord { notifications?.append(to: &object, into: &out) }
        object.member("hostname", string: hostname, into: &out)
        object.member("tags", stringPairs: tags, into: &out)
        if place == .afterTags { notifications?.append(to: &object, into: &out) }
        object.close(into: &out)
    }

    package static func == (a: Self, b: Self) -> Bool {
        a.type == b.type && a.group == b.group && a.service == b.service && a.hostname == b.hostname
            && a.tags.elementsEqual(b.tags, by: ==) && a.notifications == b.notifications
    }
}

extension JSONValue {
    /// An object of string values, in order.
    static func stringObject(_ pairs: [(String, String)]) -> JSONValue {
        .object(pairs.map { ($0.0, .string($0.1)) })
    }
}
