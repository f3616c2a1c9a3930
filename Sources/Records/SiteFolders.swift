import FileSystem
import Foundation

/// Where the folders and files of a site that tthc reads or writes really lead (`site.yml`,
/// `content/thu-tuc/`, `content/.dong-bo/`, `templates/` …), found once per run, not per file.
/// A symbolic link is followed only while it stays inside the site: `content/thu-tuc` linked to a
/// folder elsewhere on the machine is `outside-site`, neither read nor written.
public struct SiteFolders: Sendable {
    /// The site's folder as given.
    public let site: URL
    /// Its real path: links and `..` resolved.
    public let root: String

    public init(site: URL) throws {
        self.site = site
        root = try RealPath.resolve(site.path)
    }

    /// The real path of `relative` (a path inside the site, like `content/thu-tuc`), whether it
    /// exists yet or not; `OutsideSite` when it leads out.
    public func resolve(_ relative: String) throws -> String {
        let real = try RealPath.resolve(site.path + "/" + relative)
        guard RealPath.isInside(real, root) else { throw try outside(relative) }
        return real
    }

    /// The first part of `relative` that leads out (`content/.dong-bo` for its `nhat-ky.jsonl`), so
    /// that the message names the link to replace.
    private func outside(_ relative: String) throws -> OutsideSite {
        let components = relative.split(separator: "/")
        for count in 1...max(1, components.count) {
            let prefix = components.prefix(count).joined(separator: "/")
            let real = try RealPath.resolve(site.path + "/" + prefix)
            if !RealPath.isInside(real, root) { return OutsideSite(path: prefix, target: real, leadsToTheSite: real == root) }
        }
        return OutsideSite(path: relative, target: try RealPath.resolve(site.path + "/" + relative))
    }

    /// The real paths of several, checked in this order (the first refused is thrown).
    public func resolve(_ relatives: [String]) throws -> [String] {
        try relatives.map(resolve)
    }
}

/// A folder or file of the site that leads out of it through a symbolic link.
public struct OutsideSite: ExplainedError, Equatable {
    /// Relative to the site, as tthc looks for it.
    public var path: String
    /// Where it leads.
    public var target: String
    /// It leads to the site's own folder (a loop), which is not outside but cannot be inside it either.
    public var leadsToTheSite = false

    public var explanation: Localized {
        if leadsToTheSite {
            return Localized(vi: "\(path) dẫn ngược về chính thư mục trang (liên kết tắt, symlink, tạo thành vòng lặp); tthc không đọc qua liên kết này. Hãy xóa liên kết.",
                             en: "\(path) leads back to the site folder itself (a symbolic link making a loop); tthc does not read through it. Remove the link.")
        }
        return Localized(vi: "\(path) dẫn tới \(target), nằm ngoài thư mục trang (liên kết tắt, symlink); tthc không đọc, không ghi ngoài trang. Hãy thay liên kết bằng thư mục (hoặc tệp) thật nằm trong trang.",
                  en: "\(path) leads to \(target), outside the site folder (a symbolic link); tthc reads and writes nothing outside the site. Replace the link with a real folder (or file) inside the site.")
    }

    /// The same, as a diagnostic at the folder (a build or check reports it with the records' problems).
    public var diagnostic: Diagnostic {
        Diagnostic(file: path, line: 1, column: 1, problem: .outsideSite(target, folder: Files.isFolder(target)))
    }
}
