import ArgoModel
import ArgoSystem
import FoundationEssentials

/// What was delivered.
public struct AmsDelivery: Equatable {
    public var records = 0
    public var messages = 0
    public var requests = 0
}
