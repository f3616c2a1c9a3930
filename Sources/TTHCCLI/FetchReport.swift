import Fetch
import FileSystem
import Foundation
import Records

/// What a fetch did, as staff and CI logs read it: one summary line when it wrote the export, the
/// details that failed by code, and when it stopped, what happened and what to do, in Vietnamese
/// (English with `--lang en`).
struct FetchReport {
    var outcome: FetchOutcome
    var export: String
    var api: String
    var language: Language

    private var vi: Bool { language == .vi }
    private func say(_ vi: String, _ en: String) -> String { self.vi ? vi : en }

    /// Failed details and codes shown by name, at most this many of each (the rest counted).
    static let shownNames = 50

    var text: String {
        var lines: [String] = []
        switch outcome.ending {
        case .written:
            lines.append(summary)
            lines += failureLines
            lines += listed(outcome.missingOnce, "  ? %@: không có trong danh sách lần này; giữ bản lần trước, lần sau vẫn thiếu thì coi là đã ra khỏi danh mục",
                            "  ? %@: missing from the list this time; last run's copy kept, gone if missing again next run")
            lines += listed(outcome.gone, "  − %@: không có trong danh sách hai lần liên tiếp; bỏ khỏi tệp xuất (tthc sync sẽ đánh dấu bãi bỏ)",
                            "  − %@: missing from the list two runs in a row; left out (tthc sync will mark it abolished)")
            if !outcome.unmappable.isEmpty {
                lines.append(say("  ! \(outcome.unmappable.count) chi tiết không đọc được thành thủ tục (thiếu mã, tên, cấp hoặc lĩnh vực), không đăng: ",
                                 "  ! \(outcome.unmappable.count) details could not be read as procedures (no code, name, level or field), not published: ")
                             + names(outcome.unmappable))
            }
            if outcome.unitServices == 0 {
                lines.append(say("  ! Cổng không có dịch vụ trực tuyến nào của đơn vị (ma_don_vi trong site.yml): kiểm tra lại mã; các trang dùng mức độ chung của thủ tục.",
                                 "  ! The portal lists no online service for the unit (ma_don_vi in site.yml): check the code; pages use the procedure's general level."))
            }
            if !outcome.failures.isEmpty {
                lines.append(say("Các chi tiết trên giữ bản lần trước (nếu có); lần chạy sau sẽ hỏi lại.",
                                 "Those details keep last run's copy (if any); the next run asks again."))
            }
        default:
            lines.append("tthc fetch: " + stopped)
            if case .tooFewDetails = outcome.ending { lines += failureLines }
            if outcome.requests > 0 {
                lines.append(say("(\(outcome.requests) yêu cầu, \(megabytes) MB, \(duration))",
                                 "(\(outcome.requests) requests, \(megabytes) MB, \(duration))"))
            }
        }
        return lines.joined(separator: "\n")
    }

    private var summary: String {
        let resumed = outcome.resumedDetails > 0
            ? say(", \(outcome.resumedDetails) từ lần chạy bị ngắt", ", \(outcome.resumedDetails) from the interrupted run") : ""
        let change = outcome.changed ? say("đã cập nhật", "updated") : say("không đổi", "unchanged")
        let unit = outcome.unitServices.map { say("; \($0) dịch vụ trực tuyến của đơn vị", "; \($0) online services of the unit") } ?? ""
        return say("""
            tthc fetch: danh mục \(outcome.listed) thủ tục (\(outcome.pages) trang, \(outcome.internalProcedures) nội bộ); \
            chi tiết \(outcome.got)/\(outcome.asked)\(resumed), \(outcome.failures.count) lỗi\(unit); \
            tệp xuất \(outcome.exported) thủ tục, \(change): \(export); \
            \(outcome.requests) yêu cầu, \(megabytes) MB, \(duration)
            """, """
            tthc fetch: catalogue \(outcome.listed) procedures (\(outcome.pages) pages, \(outcome.internalProcedures) internal); \
            details \(outcome.got)/\(outcome.asked)\(resumed), \(outcome.failures.count) failed\(unit); \
            export \(outcome.exported) procedures, \(change): \(export); \
            \(outcome.requests) requests, \(megabytes) MB, \(duration)
            """)
    }

    private var failureLines: [String] {
        var lines = outcome.failures.prefix(Self.shownNames).map { failure in
            "  ✗ \(failure.code.isEmpty ? "?" : failure.code) (id \(failure.id)): \(failure.reason)"
        }
        if outcome.failures.count > Self.shownNames {
            lines.append(say("  … và \(outcome.failures.count - Self.shownNames) chi tiết lỗi khác", "  … and \(outcome.failures.count - Self.shownNames) more"))
        }
        return lines
    }

    private func listed(_ codes: [String], _ vi: String, _ en: String) -> [String] {
        var lines = codes.prefix(Self.shownNames).map { String(format: say(vi, en), $0) }
        if codes.count > Self.shownNames { lines.append(say("  … và \(codes.count - Self.shownNames) thủ tục khác", "  … and \(codes.count - Self.shownNames) more")) }
        return lines
    }

    private func names(_ codes: [String]) -> String {
        codes.prefix(Self.shownNames).joined(separator: ", ") + (codes.count > Self.shownNames ? " …" : "")
    }

    private var megabytes: String { String(format: "%.1f", Double(outcome.bytes) / 1_000_000) }

    private var duration: String {
        let seconds = Int(outcome.seconds.rounded())
        if seconds < 60 { return say("\(String(format: "%.1f", outcome.seconds)) giây", "\(String(format: "%.1f", outcome.seconds)) s") }
        return say("\(seconds / 60) phút \(seconds % 60) giây", "\(seconds / 60) min \(seconds % 60) s")
    }

    private var kept: String {
        say("Đã dừng ngay, không gửi thêm yêu cầu nào; \(export) giữ nguyên như cũ. Lần chạy sau tiếp tục từ chỗ đã dừng (không hỏi lại những gì đã nhận).",
            "Stopped at once, no further request sent; \(export) is left as it was. The next run resumes where this one stopped (nothing received is asked again).")
    }

    private var stopped: String {
        switch outcome.ending {
        case .written:
            return ""
        case .halted(.refused(.firewall)):
            return say("Cổng DVC quốc gia từ chối yêu cầu (tường lửa trả về trang \"Request Rejected\"). \(kept) Thử lại sau vài giờ, đừng chạy nhiều lần liên tiếp; nếu ngày nào cũng bị, nhờ quản trị mạng hỏi xem địa chỉ IP của máy này có bị chặn không.",
                       "The national portal refused the request (its firewall answered a \"Request Rejected\" page). \(kept) Try again in a few hours, not several times in a row; if it happens every day, ask whether this machine's IP address is blocked.")
        case .halted(.refused(.status(429))):
            return say("Cổng DVC quốc gia báo đã nhận quá nhiều yêu cầu (HTTP 429). \(kept) Thử lại sau ít nhất một giờ, với --concurrency 1 và --delay lớn hơn (ví dụ --delay 2).",
                       "The national portal says it received too many requests (HTTP 429). \(kept) Try again in an hour at least, with --concurrency 1 and a longer --delay (e.g. --delay 2).")
        case .halted(.refused(.status(let status))):
            return say("Cổng DVC quốc gia không cho phép truy cập (HTTP \(status)). \(kept) Thử lại sau vài giờ; nếu vẫn bị, có thể địa chỉ IP của máy này đã bị chặn: nhờ quản trị mạng kiểm tra.",
                       "The national portal denied access (HTTP \(status)). \(kept) Try again in a few hours; if it persists, this machine's IP address may be blocked.")
        case .halted(.refused(.webPage(let status))):
            return say("Cổng DVC quốc gia trả về một trang web thay cho dữ liệu (HTTP \(status)), có thể đang bảo trì. \(kept) Thử lại sau.",
                       "The national portal answered a web page instead of data (HTTP \(status)), perhaps under maintenance. \(kept) Try again later.")
        case .halted(.refused(.redirect(let location))):
            return say("Địa chỉ API \(api) chuyển hướng sang \(location ?? "nơi khác"); tthc không đi theo. \(kept) Kiểm tra --api (mặc định \(PortalEndpoint.defaultAPI)).",
                       "The API address \(api) redirects to \(location ?? "elsewhere"); tthc does not follow. \(kept) Check --api (default \(PortalEndpoint.defaultAPI)).")
        case .halted(.unreachable(let reason)):
            return say("Không kết nối được tới \(api): \(reason), nhiều yêu cầu liên tiếp đều lỗi sau khi đã thử lại. \(kept) Kiểm tra kết nối mạng rồi chạy lại.",
                       "Cannot reach \(api): \(reason); several requests in a row failed after their retries. \(kept) Check the network and run again.")
        case .unitServicesFailed(let reason, let page):
            return say("Không đọc được danh sách dịch vụ trực tuyến của đơn vị (ma_don_vi, trang \(page)): \(reason). \(export) giữ nguyên; thử lại sau.",
                       "Cannot read the unit's list of online services (ma_don_vi, page \(page)): \(reason). \(export) is left as it was; try again later.")
        case .listingFailed(let reason, let page):
            return say("Không đọc được danh sách thủ tục của cổng (trang \(page)): \(reason). \(export) giữ nguyên; thử lại sau.",
                       "Cannot read the portal's list of procedures (page \(page)): \(reason). \(export) is left as it was; try again later.")
        case .tooFewDetails(let got, let asked):
            return say("Chỉ nhận được \(got)/\(asked) chi tiết (dưới 90 %): không thay \(export). Những chi tiết đã nhận được giữ lại, lần chạy sau chỉ hỏi phần còn thiếu. Chạy lại sau; nếu chắc chắn muốn dùng dữ liệu thiếu, thêm --force.",
                       "Only \(got) of \(asked) details received (under 90 %): \(export) not replaced. What was received is kept; the next run asks only for the rest. Run again later, or add --force to accept.")
        case .catalogueShrank(let now, let before):
            return say("Danh sách của cổng chỉ còn \(now) thủ tục, ít hơn lần trước (\(before)) quá 5 %: có thể cổng trả về thiếu. Không thay \(export). Chạy lại sau; nếu đúng là nhiều thủ tục đã ra khỏi danh mục, thêm --force.",
                       "The portal's list has \(now) procedures, over 5 % fewer than last run (\(before)): it may be incomplete. \(export) not replaced. Run again later; if so many procedures really left the catalogue, add --force.")
        case .listingIncomplete(let listed, let total):
            return say("Danh sách của cổng dừng ở \(listed) thủ tục trong khi cổng báo có \(total): danh sách chưa đủ. Không thay \(export). Chạy lại sau; thêm --force để chấp nhận.",
                       "The portal's list stopped at \(listed) procedures while it announces \(total): incomplete. \(export) not replaced. Run again later, or add --force to accept.")
        case .notOurs(.noState):
            return say("\(export) đã có nhưng không phải do tthc fetch ghi (không có tệp trạng thái \(export).trang-thai.jsonl bên cạnh). Không ghi đè. Chọn tệp khác bằng --out, hoặc chuyển tệp này đi nơi khác.",
                       "\(export) exists but was not written by tthc fetch (no \(export).trang-thai.jsonl beside it). Not overwritten. Choose another file with --out, or move this one away.")
        case .notOurs(.edited):
            return say("\(export) đã bị sửa sau lần tthc fetch trước (nội dung khác với lúc ghi). Không ghi đè, để khỏi mất phần đã sửa. Nếu không cần giữ, xoá \(export) và \(export).trang-thai.jsonl rồi chạy lại; hoặc chọn --out khác.",
                       "\(export) was changed since tthc fetch wrote it. Not overwritten, so that the change is not lost. If it need not be kept, delete it and its .trang-thai.jsonl and run again; or choose another --out.")
        case .notOurs(.foreignState):
            return say("\(export).trang-thai.jsonl không phải tệp trạng thái của tthc fetch. Không ghi đè; chuyển nó đi nơi khác hoặc chọn --out khác.",
                       "\(export).trang-thai.jsonl is not a tthc fetch state. Not overwritten; move it away or choose another --out.")
        case .notOurs(.damagedState(let line)):
            return say("\(export).trang-thai.jsonl bị hỏng ở dòng \(line). Không ghi gì. Khôi phục nó từ git (git checkout -- \(export).trang-thai.jsonl), hoặc xoá nó cùng \(export) để tải lại từ đầu.",
                       "\(export).trang-thai.jsonl is damaged at line \(line). Nothing written. Restore it from git, or delete it with \(export) to fetch everything again.")
        case .notOurs(.foreignJournal):
            return say("\(export).dang-tai không phải nhật ký của tthc fetch. Không ghi đè; chuyển nó đi nơi khác hoặc chọn --out khác.",
                       "\(export).dang-tai is not a tthc fetch journal. Not overwritten; move it away or choose another --out.")
        case .notOurs(.ownPlace(let path, let place)):
            // Which place, why tthc keeps it, and what to type instead: a clerk who typed a wrong --out needs all three.
            return say("Không ghi tệp xuất vào \(path): đó là \(place.what.vi): \(place.why.vi). Không ghi gì. Hãy bỏ --out để tthc fetch ghi vào chỗ mặc định (content/.dong-bo/csdl-quoc-gia.jsonl), hoặc chọn một tệp ở chỗ khác, ví dụ --out du-lieu/csdl-quoc-gia.jsonl.",
                       "The export is not written at \(path): it is \(place.what.en): \(place.why.en). Nothing written. Leave out --out so that tthc fetch writes to its default place (content/.dong-bo/csdl-quoc-gia.jsonl), or choose a file elsewhere, e.g. --out du-lieu/csdl-quoc-gia.jsonl.")
        case .notOurs(.spelledAsFolder(let path)):
            return say("--out \(path)/ là một thư mục; --out là tên tệp xuất, ví dụ \(path)/csdl-quoc-gia.jsonl. Không ghi gì.",
                       "--out \(path)/ is a folder; --out names the export file, e.g. \(path)/csdl-quoc-gia.jsonl. Nothing written.")
        case .notOurs(.notAFile(let path)):
            return say("\(path) không phải một tệp thường (là thư mục, liên kết hoặc ống dẫn): không đọc, không ghi. Chọn --out khác.",
                       "\(path) is not a regular file (a folder, a link or a pipe): neither read nor written. Choose another --out.")
        case .busy:
            return say("Một lần tthc fetch khác đang ghi \(export). Chờ nó xong rồi chạy lại.",
                       "Another tthc fetch is writing \(export). Wait for it to finish and run again.")
        case .notOurs(.outsideSite(let outside)):
            return say("\(outside.explanation.vi) Không ghi gì.", "\(outside.explanation.en) Nothing written.")
        case .fileFailed(let failure):
            return say("\(failure.vi). \(export) giữ nguyên.", "\(failure.en). \(export) is left as it was.")
        }
    }
}
