import Escaping
import FileSystem
import Foundation
import Records

/// Every change made through the editor, one JSON line each: who, when, which file, and the
/// file's whole text before and after (`truoc` null for a file made). Kept outside the repository
/// beside the accounts file (0600: it holds what was written, including what was then undone).
public struct AuditLog: Sendable {
    public let path: String

    public init(path: String) throws {
        try AccountFile.refuseInsideRepository(path)
        self.path = path
    }

    /// The log beside an accounts file: `tai-khoan.json` → `tai-khoan.nhat-ky.jsonl`.
    public static func path(besideAccounts accounts: String) -> String {
        let trimmed = accounts.hasSuffix(".json") ? String(accounts.dropLast(5)) : accounts
        return trimmed + ".nhat-ky.jsonl"
    }

    public func record(account: String, file: String, before: [UInt8]?, after: [UInt8], address: String, now: Date = Date()) throws {
        let time = CalendarDate.vietnamDateTime(epochSeconds: Int64(now.timeIntervalSince1970))
        func text(_ bytes: [UInt8]) -> String { JSONText.quoted(String(decoding: bytes, as: UTF8.self)) }
        let line = "{\"luc\":\(JSONText.quoted(time)),\"tai_khoan\":\(JSONText.quoted(account)),\"tep\":\(JSONText.quoted(file)),"
            + "\"dia_chi\":\(JSONText.quoted(address)),\"truoc\":\(before.map(text) ?? "null"),\"sau\":\(text(after))}\n"
        try Files.appendPrivately(Array(line.utf8), to: path)
    }
}
