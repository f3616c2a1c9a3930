/// Every place tthc makes or keeps in a site, each with what it is and why tthc keeps it, in words
/// a commune's clerk can act on. One list, so that a path given on the command line (`tthc fetch
/// --out`) is refused wherever it would take the place of one of them (the site lock, a journal, a
/// merge base, a build's marker), and so that a name added to tthc is refused by adding it here.
/// The commands' own constants for these names (`SiteLock.fileName`, `OutputMarker.fileName` …)
/// are these, not copies.
public struct OwnPlace: Sendable, Equatable {
    public enum Match: Sendable, Equatable {
        /// This folder (relative to the site, `*` for any one name) and everything in it.
        case folder(String)
        /// This file or folder itself, even before it exists, but not what it holds.
        case exactly(String)
        /// Any file of this name, wherever it is.
        case name(String)
        /// Any name that starts or ends so (`.dang-tai`: a fetch journal beside its export).
        case prefix(String), suffix(String)
        /// A write-then-rename temporary, `.NAME.<pid>.tmp` (made by `Files.temporary`).
        case temporary
    }

    public let match: Match
    /// What it is ("thư mục hồ sơ thủ tục").
    public let what: Localized
    /// Why tthc keeps it: what breaks if something else is put there.
    public let why: Localized

    public var isFolder: Bool {
        switch match {
        case .folder: return true
        case .exactly(let path): return OwnPlaces.folders.contains(path)
        default: return false
        }
    }
}

public enum OwnPlaces {
    public static let records = "content/thu-tuc"
    public static let bookkeeping = "content/.dong-bo"
    public static let mergeBases = "content/.dong-bo/co-so"
    public static let changeLog = "content/.dong-bo/nhat-ky.jsonl"
    public static let fingerprints = "content/.dong-bo/tep.tsv"
    public static let reportHistory = "content/.dong-bo/bao-cao.jsonl"
    public static let indicatorTable = "chi-so.yml"
    public static let siteLock = ".tthc.lock"
    public static let outputMarker = ".tthc-output"
    public static let units = "don-vi"
    /// Sync's staging folder of one run, `.dang-ghi-<pid>` in `content/.dong-bo`.
    public static let syncStaging = ".dang-ghi-"
    /// A build's staging folder beside its output, `.<output>.building-<pid>`.
    public static let buildStaging = ".building-"
    /// Beside a build's output: what that build was made from and what it wrote, `.<output>.tthc-build`.
    public static let buildState = ".tthc-build"
    /// Beside a fetch export: its state and the journal of a run in progress.
    public static let fetchState = ".trang-thai.jsonl", fetchJournal = ".dang-tai"

    static let folders: Set<String> = ["content", bookkeeping, records, mergeBases, "templates", "public", ".git"]

    private static func place(_ match: OwnPlace.Match, _ vi: String, _ en: String, because whyVi: String, _ whyEn: String) -> OwnPlace {
        OwnPlace(match: match, what: Localized(vi: vi, en: en), why: Localized(vi: whyVi, en: whyEn))
    }

    /// Checked in this order: the first that claims a path names it.
    public static let all: [OwnPlace] = [
        place(.folder(records), "thư mục hồ sơ thủ tục", "the records folder",
              because: "mỗi tệp trong đó được đọc như một thủ tục và đăng lên trang", "every file there is read as a procedure and published"),
        place(.folder(mergeBases), "thư mục bản gốc (co-so) của tthc sync", "tthc sync's merge bases (co-so)",
              because: "tthc sync giữ ở đây bản quốc gia lần trước của từng thủ tục để biết phần nào do đơn vị sửa",
              "tthc sync keeps there the last national copy of each procedure, to tell the unit's edits apart"),
        place(.folder("templates"), "thư mục giao diện", "the theme folder",
              because: "tthc build dựng mọi trang từ các tệp trong đó", "tthc build makes every page from the files there"),
        builtSite,
        place(.folder(".git"), "kho git của trang", "the site's git repository",
              because: "git giữ lịch sử các lần sửa ở đó; tệp lạ có thể làm hỏng kho", "git keeps the history of every change there; a foreign file can damage it"),
        place(.folder("\(units)/*/thu-tuc"), "thư mục phần riêng của một đơn vị trong kho tỉnh", "a unit's own parts in a province",
              because: "mỗi tệp trong đó được đọc như phần riêng của một thủ tục", "every file there is read as a unit's part of a procedure"),
        place(.exactly("content"), "thư mục nội dung của trang", "the site's content folder",
              because: "hồ sơ thủ tục và dữ liệu đồng bộ nằm trong đó", "the records and sync's files are inside it"),
        place(.exactly(bookkeeping), "thư mục dữ liệu đồng bộ", "sync's folder",
              because: "tthc sync và tthc fetch ghi các tệp của mình vào trong thư mục này", "tthc sync and tthc fetch keep their files inside it"),
        place(.exactly(SiteConfiguration.fileName), "tệp cấu hình của trang", "the site's configuration",
              because: "mọi lệnh tthc đọc nó để biết đơn vị và các thủ tục được đăng", "every tthc command reads it for the unit and what it publishes"),
        place(.exactly("\(units)/*/\(SiteConfiguration.fileName)"), "tệp cấu hình của một đơn vị trong kho tỉnh", "a unit's configuration in a province",
              because: "tthc đọc nó để biết đơn vị và các thủ tục được đăng", "tthc reads it for the unit and what it publishes"),
        place(.exactly(ProvinceConfiguration.fileName), "tệp cấu hình của kho tỉnh", "the province's configuration",
              because: "mọi lệnh tthc đọc nó ở kho tỉnh", "every tthc command reads it in a province"),
        place(.exactly(indicatorTable), "bảng chỉ số riêng của trang", "the site's own indicator table",
              because: "tthc bao-cao đọc nó thay cho bảng chỉ số có sẵn", "tthc bao-cao reads it instead of its own table"),
        place(.exactly(changeLog), "nhật ký thay đổi của tthc sync", "tthc sync's change log",
              because: "tthc sync ghi thêm vào đó mỗi thay đổi, và nguồn tin RSS của trang lấy từ đó", "tthc sync appends each change there, and the site's feed is made from it"),
        place(.exactly(fingerprints), "tệp dấu vân tay của tthc sync", "tthc sync's fingerprints",
              because: "tthc sync dựa vào nó để biết hồ sơ nào chưa bị sửa", "tthc sync relies on it to tell which records are untouched"),
        place(.exactly(reportHistory), "lịch sử báo cáo tuân thủ", "the compliance report's history",
              because: "mỗi lần đồng bộ, tthc ghi thêm một dòng báo cáo vào đó", "each sync appends a line of the report there"),
        place(.exactly(".gitignore"), "tệp .gitignore của trang", "the site's .gitignore",
              because: "git đọc nó để biết tệp nào không đưa vào kho", "git reads it to know which files stay out of the repository"),
        place(.folder(".github"), "thư mục quy trình GitHub Actions", "the GitHub Actions workflow folder",
              because: "GitHub chạy các tệp trong đó mỗi đêm (tải, đồng bộ, tạo trang)", "GitHub runs the files there every night (fetch, sync, build)"),
        place(.folder(".vscode"), "thư mục cài đặt VS Code của trang", "the site's VS Code settings",
              because: "VS Code đọc các tệp trong đó để kiểm tra khi lưu", "VS Code reads the files there to check on every save"),
        place(.name(siteLock), "tệp khoá của trang", "the site's lock note",
              because: "trong lúc một lệnh tthc ghi vào trang, tệp này ghi lệnh nào đang giữ khoá và bị xoá khi lệnh xong",
              "while a tthc command writes the site, it notes there who holds the lock, and removes it when done"),
        place(.name(outputMarker), "dấu của thư mục trang đã tạo", "the built site's marker",
              because: "tthc build dựa vào nó để biết thư mục là của mình và được thay mới", "tthc build relies on it to know that the folder is its own to replace"),
        place(.suffix(buildState), "trạng thái của lần tạo trang trước", "the previous build's state",
              because: "tthc build so với nó để biết có gì thay đổi từ lần trước", "tthc build compares with it to tell what changed since the last build"),
        place(.suffix(fetchJournal), "nhật ký của một lần tthc fetch đang chạy", "the journal of a tthc fetch in progress",
              because: "tthc fetch ghi vào đó từng phần đã tải để lần sau chạy tiếp", "tthc fetch notes there what it got, to resume next time"),
        place(.suffix(fetchState), "tệp trạng thái của tthc fetch", "tthc fetch's state",
              because: "tthc fetch ghi vào đó các thủ tục đã thấy, để biết thủ tục nào mới hay đã bỏ", "tthc fetch keeps there every procedure seen, to tell new ones and gone ones"),
        place(.prefix(syncStaging), "thư mục tạm của tthc sync", "tthc sync's staging folder",
              because: "tthc sync xoá nó khi xong hoặc ở lần chạy sau", "tthc sync removes it when done or on its next run"),
        place(.temporary, "tệp hoặc thư mục tạm của tthc", "a tthc temporary file or folder",
              because: "tthc ghi vào đó rồi đổi tên vào chỗ thật, và xoá những cái còn sót lại", "tthc writes there, renames it into place, and removes leftovers"),
    ]

    /// The built site: the folder a build replaces whole (`public/`, or any folder holding `.tthc-output`).
    public static let builtSite = place(.folder("public"), "thư mục trang đã tạo", "the built site",
                                        because: "mỗi lần tthc build xoá và tạo lại cả thư mục này, nên tệp để trong đó sẽ mất",
                                        "each tthc build deletes and remakes this whole folder, so a file kept there is lost")

    /// The place that the path `real` (links resolved) takes, and that place's path as staff see
    /// it (relative to the site when inside it, a folder ending in `/`); nil when it is no one's.
    public static func claim(_ real: String, site root: String) -> (place: OwnPlace, path: String)? {
        let inside = root == "/" ? real != "/" : real.hasPrefix(root + "/")
        let relative = inside ? String(real.dropFirst(root == "/" ? 1 : root.count + 1)) : nil
        let components = relative.map { $0.split(separator: "/").map(String.init) }
        let name = String(real.split(separator: "/").last ?? "")
        for place in all {
            switch place.match {
            case .folder(let pattern):
                if let components, matches(pattern, components, within: true) {
                    return (place, components.prefix(pattern.split(separator: "/").count).joined(separator: "/") + "/")
                }
            case .exactly(let pattern):
                if let relative, let components, matches(pattern, components, within: false) {
                    return (place, relative + (place.isFolder ? "/" : ""))
                }
            case .name(let own):
                if name == own { return (place, relative ?? real) }
            case .prefix(let start):
                if name.hasPrefix(start) { return (place, relative ?? real) }
            case .suffix(let end):
                if name.hasSuffix(end), name != end { return (place, relative ?? real) }
            case .temporary:
                if isTemporary(name) || (name.hasPrefix(".") && name.contains(buildStaging)) { return (place, relative ?? real) }
            }
        }
        return nil
    }

    private static func matches(_ pattern: String, _ components: [String], within: Bool) -> Bool {
        let wanted = pattern.split(separator: "/")
        guard within ? components.count >= wanted.count : components.count == wanted.count else { return false }
        return zip(wanted, components).allSatisfy { $0 == "*" || $0 == $1 }
    }

    /// `.NAME.<digits>.tmp`, the name `Files.temporary` gives the file it renames into place.
    static func isTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let middle = name.dropFirst().dropLast(4)
        guard let dot = middle.lastIndex(of: ".") else { return false }
        let digits = middle[middle.index(after: dot)...]
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber) && dot > middle.startIndex
    }
}
