import Foundation
import Records

/// The Vietnamese words the site shows for the record format's values.
enum Labels {
    static func level(_ level: Procedure.Level) -> String {
        switch level {
        case .central: return "Cấp trung ương"
        case .province: return "Cấp tỉnh"
        case .commune: return "Cấp xã"
        case .otherAgency: return "Cơ quan khác"
        case .district: return "Cấp huyện (cũ)"
        }
    }

    static func levelSlug(_ level: Procedure.Level) -> String {
        level.rawValue.replacingOccurrences(of: "_", with: "-")
    }

    static func channel(_ kind: Procedure.Channel.Kind) -> String {
        switch kind {
        case .inPerson: return "Trực tiếp"
        case .online: return "Trực tuyến"
        case .post: return "Dịch vụ bưu chính"
        }
    }

    static func online(_ level: Procedure.OnlineService.Level) -> String {
        switch level {
        case .full: return "Trực tuyến toàn trình"
        case .partial: return "Trực tuyến một phần"
        case .none: return "Không hỗ trợ nộp trực tuyến"
        }
    }

    static func status(_ status: Procedure.Status) -> String {
        switch status {
        case .inForce: return "Còn hiệu lực"
        case .amended: return "Còn hiệu lực (đã sửa đổi, bổ sung)"
        case .abolished: return "Đã bãi bỏ"
        }
    }

    static func feeKind(_ kind: Procedure.Fee.Kind) -> String {
        switch kind {
        case .charge: return "Lệ phí"
        case .fee: return "Phí"
        case .price: return "Giá"
        }
    }

    static func unit(_ unit: Procedure.Duration.Unit) -> String {
        switch unit {
        case .workingDays: return "ngày làm việc"
        case .days: return "ngày"
        case .hours: return "giờ"
        case .months: return "tháng"
        case .other: return ""
        }
    }

    /// "1 ngày làm việc", "0,5 ngày", or the description when the unit says nothing. Where the
    /// national record says nothing at all, `local`: the time the unit wrote in `dia_phuong.thoi_han`.
    static func duration(_ duration: Procedure.Duration?, otherwise local: String? = nil) -> String {
        guard let duration else { return "Không quy định" }
        var parts: [String] = []
        if let amount = duration.amount, duration.unit != .other {
            parts.append("\(number(amount)) \(unit(duration.unit))")
        }
        if let description = duration.description { parts.append(description) }
        return parts.isEmpty ? local ?? "Xem trình tự thực hiện" : parts.joined(separator: ". ")
    }

    /// Vietnamese decimals use a comma: 0,5.
    static func number(_ value: Double) -> String {
        value.wholeNumber.map(String.init) ?? String(value).replacingOccurrences(of: ".", with: ",")
    }

    /// 50000 → "50.000 đồng".
    static func money(_ amount: Int, currency: String?) -> String {
        var digits = String(amount)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let unit = currency.map { $0 == "VND" ? "đồng" : $0 } ?? "đồng"
        return digits + grouped + " " + unit
    }

    static func fee(_ fee: Procedure.Fee) -> String {
        var text = feeKind(fee.kind) + ": "
        switch fee.amount {
        case 0?: text += fee.description == nil ? "không thu" : "0 đồng"
        case let amount?: text += money(amount, currency: fee.currency)
        case nil: text += "theo quy định"
        }
        if let description = fee.description { text += ". " + description }
        return text
    }

    /// "2026-01-15" → "15/01/2026".
    static func date(_ iso: String?) -> String? {
        guard let iso, iso.count >= 10 else { return iso }
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3 else { return iso }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }
}
