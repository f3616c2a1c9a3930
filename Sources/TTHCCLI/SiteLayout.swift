import Foundation
import Records
import Site

/// What the folder a command runs on holds: one unit's site (`site.yml`) or a province's
/// repository (`tinh.yml`, docs/province.md). A folder with both is refused: which one a command
/// would act on must never be a guess.
enum SiteLayout {
    case site
    case province

    static func of(_ folder: URL) throws -> SiteLayout {
        let province = ProvinceConfiguration.isProvince(folder)
        let site = FileManager.default.fileExists(atPath: folder.path + "/" + SiteConfiguration.fileName)
            || (try? FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/" + SiteConfiguration.fileName)) != nil
        if province && site { throw Both(folder: folder.path) }
        let parent = folder.deletingLastPathComponent()
        if !province, parent.lastPathComponent == ProvinceUnit.folder, ProvinceConfiguration.isProvince(parent.deletingLastPathComponent()) {
            throw UnitOfProvince(province: parent.deletingLastPathComponent().path, slug: folder.lastPathComponent)
        }
        return province ? .province : .site
    }

    /// A unit's folder of a province, given as if it were a site of its own: its records are the
    /// province's pool, its theme the province's, so it is built from the province's folder.
    struct UnitOfProvince: ExplainedError {
        var province: String
        var slug: String
        var explanation: Localized {
            Localized(vi: "đây là thư mục của đơn vị \(slug) trong kho của tỉnh \(province); hãy chạy lệnh ở thư mục tỉnh, với --don-vi \(slug) (ví dụ: tthc build --site \(province) --don-vi \(slug)).",
                      en: "this is the folder of the unit \(slug) in the province at \(province); run the command at the province's folder with --don-vi \(slug) (for example: tthc build --site \(province) --don-vi \(slug)).")
        }
    }

    struct Both: ExplainedError {
        var folder: String
        var explanation: Localized {
            Localized(vi: "\(folder) có cả site.yml và tinh.yml: một thư mục là trang của một đơn vị hoặc kho của cả tỉnh, không phải cả hai. Trong kho của tỉnh, site.yml của mỗi đơn vị nằm ở don-vi/<tên>/site.yml.",
                      en: "\(folder) has both site.yml and tinh.yml: a folder is one unit's site or a province's repository, not both. In a province, each unit's site.yml is don-vi/<name>/site.yml.")
        }
    }

    /// `--don-vi` given where there is no province.
    struct NotAProvince: ExplainedError {
        var folder: String
        var explanation: Localized {
            Localized(vi: "--don-vi chỉ dùng trong thư mục của một tỉnh (có tinh.yml); \(folder) là trang của một đơn vị.",
                      en: "--don-vi is for a province's folder (with tinh.yml); \(folder) is one unit's site.")
        }
    }
}
