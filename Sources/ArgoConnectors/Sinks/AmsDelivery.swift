/// What was delivered.
package struct AmsDelivery: Equatable {
    package var records = 0
    package var messages = 0
    package var requests = 0
}
