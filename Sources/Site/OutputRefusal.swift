import Records

/// Why a build will not write into the output folder it was given: the build replaces the whole
/// folder, so it must be one that holds nothing but an earlier output. Nothing is written.
public struct OutputRefusal: ExplainedError, Equatable {
    public enum Reason: Equatable, Sendable {
        case empty
        case isTheSite
        case containsTheSite(site: String)
        /// Inside `content/` or `templates/` of this site (`source` is which).
        case insideSource(source: String)
        /// A place of the site tthc keeps for something else (`OwnPlaces`: `.github/`, `.vscode/`,
        /// `content/.dong-bo/` …), `--force` or not; `path` as staff see it.
        case ownPlace(path: String, OwnPlace)
        /// Another tthc site (a folder with `site.yml`), or inside its `content/` or `templates/`.
        case anotherSite(site: String)
        case notAFolder
        /// Holds files no build made; `examples` are a few of their names.
        case notMadeByTthc(examples: [String])
        /// `--force` was given, but for a folder it never applies to (`why` says which).
        case neverForced(why: Protected)
        /// Such a folder with tthc's marker in it (copied there, or planted): still never replaced.
        case protectedThoughMarked(why: Protected)
        /// Something is mounted on the folder (a Docker volume, a bind mount): it cannot be replaced.
        case mountPoint
        /// Something is mounted inside the folder: replacing it would delete the mounted files.
        case holdsAMount(String)
        /// The folder was replaced or appeared while the build ran.
        case changedDuringBuild
    }

    public enum Protected: Equatable, Sendable {
        case home, workingFolder, systemFolder, repository, holdsASite(String)

        var what: (vi: String, en: String) {
            switch self {
            case .home: return ("đây là thư mục nhà (home) hoặc chứa nó", "it is the home folder or holds it")
            case .workingFolder: return ("đây là thư mục đang làm việc (cd) hoặc chứa nó", "it is the working folder or holds it")
            case .systemFolder: return ("đây là một thư mục ở gốc của hệ thống", "it is a folder at the root of the system")
            case .repository: return ("đây là (một phần của) kho git, xóa nó là mất lịch sử", "it is (part of) a git repository, whose history would be lost")
            case .holdsASite(let site): return ("nó chứa trang tthc \(site)", "it holds the tthc site \(site)")
            }
        }
    }

    /// As given (`--output …`), and where it really leads.
    public var requested: String
    public var folder: String
    public var reason: Reason

    public var explanation: Localized {
        let shown = requested == folder ? "`\(folder)`" : "`\(requested)` (\(folder))"
        let (vi, en) = words(shown)
        return Localized(vi: "Không ghi trang vào \(shown): \(vi)", en: "Not writing pages into \(shown): \(en)")
    }

    private func words(_ shown: String) -> (String, String) {
        // Said for `tthc build --output` and `tthc bao-cao --html` alike.
        let elsewhere = ("Hãy chọn một thư mục riêng, chưa có hoặc trống (tthc build mặc định ghi vào public/).",
                         "Choose a folder of its own, new or empty (tthc build writes to public/ by default).")
        switch reason {
        case .empty:
            return ("tên thư mục kết quả trống. Hãy ghi tên một thư mục, ví dụ --output public.",
                    "the output folder's name is empty. Name a folder, for example --output public.")
        case .isTheSite:
            return ("đây là chính thư mục trang; tạo trang vào đó sẽ xóa site.yml, content/ và templates/. \(elsewhere.0)",
                    "this is the site folder itself; building into it would delete site.yml, content/ and templates/. \(elsewhere.1)")
        case .containsTheSite(let site):
            return ("thư mục này chứa trang \(site); thay nó sẽ xóa cả trang. \(elsewhere.0)",
                    "this folder holds the site \(site); replacing it would delete the site. \(elsewhere.1)")
        case .insideSource(let source):
            let read = source == "content" ? ("hồ sơ thủ tục", "records") : source == ProvinceUnit.folder ? ("phần riêng của các đơn vị", "the units' own parts") : ("mẫu trang", "templates")
            return ("thư mục này nằm trong \(source)/ của trang, nơi tthc đọc \(read.0). \(elsewhere.0)",
                    "this folder is inside the site's \(source)/, which tthc reads \(read.1) from. \(elsewhere.1)")
        case .ownPlace(let path, let place):
            return ("\(path) là \(place.what.vi): \(place.why.vi); tạo trang vào đó sẽ xoá hết những gì trong đó, nên tthc không làm, kể cả với --force. \(elsewhere.0)",
                    "\(path) is \(place.what.en): \(place.why.en); building into it would delete all it holds, so tthc does not, even with --force. \(elsewhere.1)")
        case .anotherSite(let site):
            return ("thư mục này thuộc một trang tthc khác (\(site), có site.yml); thay nó sẽ xóa dữ liệu của trang đó. \(elsewhere.0)",
                    "this folder belongs to another tthc site (\(site), which has a site.yml); replacing it would delete that site's data. \(elsewhere.1)")
        case .notAFolder:
            return ("đây là một tệp, không phải thư mục. Hãy chọn tên một thư mục.",
                    "this is a file, not a folder. Name a folder.")
        case .notMadeByTthc(let examples):
            let list = examples.joined(separator: ", ")
            return ("thư mục đã có tệp không do tthc tạo ra (\(list)…); mỗi lần tạo trang, cả thư mục được thay mới nên các tệp đó sẽ bị xóa. Hãy chọn một thư mục mới hoặc trống, hoặc thêm --force nếu chắc chắn muốn thay toàn bộ nội dung thư mục này.",
                    "the folder holds files tthc did not make (\(list)…); each build replaces the whole folder, so they would be deleted. Choose a new or empty folder, or add --force if you really mean to replace everything in it.")
        case .neverForced(let why):
            return ("--force không áp dụng cho thư mục này: \(why.what.vi). \(elsewhere.0)", "--force does not apply here: \(why.what.en). \(elsewhere.1)")
        case .protectedThoughMarked(let why):
            return ("thư mục có tệp \(OutputMarker.fileName) của tthc, nhưng tthc không bao giờ thay thư mục này: \(why.what.vi). Tệp đó có lẽ bị chép nhầm vào đây. \(elsewhere.0)",
                    "the folder holds tthc's \(OutputMarker.fileName), but tthc never replaces this folder: \(why.what.en). That file was probably copied here by mistake. \(elsewhere.1)")
        case .mountPoint:
            return ("thư mục này là một điểm gắn kết (mount point, ví dụ volume của Docker hoặc bind mount): tthc thay cả thư mục đầu ra bằng một lần đổi tên, mà hệ thống không cho đổi tên điểm gắn kết. Hãy tạo trang vào một thư mục con của nó (ví dụ --output \(requested)/site), hoặc gắn thư mục cha thay vì chính thư mục này.",
                    "something is mounted on this folder (a Docker volume or a bind mount): tthc replaces its output folder by one rename, which the system refuses on a mount point. Build into a folder inside it (for example --output \(requested)/site), or mount the parent folder instead.")
        case .holdsAMount(let mounted):
            return ("trong thư mục này có một điểm gắn kết (\(mounted)): thay thư mục sẽ xoá cả các tệp được gắn ở đó, vốn không thuộc trang. Hãy gỡ (umount) nó ra, hoặc chọn thư mục khác.",
                    "something is mounted inside this folder (\(mounted)): replacing the folder would delete the mounted files, which are not the site's. Unmount it, or choose another folder.")
        case .changedDuringBuild:
            return ("thư mục đã bị thay hoặc được tạo bởi chương trình khác trong lúc tạo trang. Chạy lại lệnh.",
                    "the folder was replaced or created by another program while the site was built. Run the command again.")
        }
    }
}
