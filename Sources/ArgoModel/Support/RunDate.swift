import FoundationEssentials

/// A calendar day a run is for: `-d YYYY-MM-DD`, or yesterday.
package struct RunDate: Hashable, Comparable, CustomStringConvertible, Sendable {
    let year: Int
    let month: Int
    package let day: Int

    /// Parses a strict `YYYY-MM-DD` that names a real day (`2026-02-30` fails).
    package init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    package init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day before `now` on a calendar `utcOffsetSeconds` ahead of UTC
    /// (the host's local time, as the original connectors took it).
    package static func yesterday(now: Date, utcOffsetSeconds: Int) -> RunDate {
        let local = now.timeIntervalSince1970 + Double(utcOffsetSeconds)
        return RunDate(daysSinceEpoch: Int((local / 86_400).rounded(.down)) - 1)
    }

    /// The day `days` days after this one (before it when negative).
    package func adding(days: Int) -> RunDate {
        RunDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar
    /// (H. Hinnant's days_from_civil).
    package var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysSinceEpoch` (civil_from_days).
    init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    private func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// `YYYY-MM-DD`
    package var description: String { "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))" }
    /// `YYYY_MM_DD`, as in output file names.
    package var underscored: String { "\(padded(year, 4))_\(padded(month, 2))_\(padded(day, 2))" }

    package static func < (lhs: RunDate, rhs: RunDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
