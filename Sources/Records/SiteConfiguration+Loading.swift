import FileSystem

extension SiteConfiguration {
    /// No `site.yml` where the site should be: the folder is not a tthc site.
    public struct Missing: ExplainedError, Equatable {
        public var path: String

        public var explanation: Localized {
            Localized(vi: "Không tìm thấy tệp cấu hình \(path): thư mục này chưa phải một trang tthc (dùng --site DIR, hoặc tạo trang mới bằng tthc init DIR).",
                      en: "No site.yml at \(path): this folder is not a tthc site (use --site DIR, or make one with tthc init DIR).")
        }
    }

    /// The bytes of the site's `site.yml`: `Missing` when there is none, `OutsideSite` when it is a
    /// link out of the site (never read: its lines would be quoted in the report), a `FileError`
    /// naming the cause when it cannot be read.
    public static func bytes(in folders: SiteFolders) throws -> [UInt8] {
        let path = try folders.resolve(fileName)
        guard let bytes = try Files.readIfPresent(path) else { throw Missing(path: folders.site.path + "/" + fileName) }
        return bytes
    }

    /// Reads and validates the site's `site.yml` (see `bytes(in:)` for what is thrown).
    public static func load(in folders: SiteFolders) throws -> (SiteConfiguration?, [Diagnostic]) {
        read(bytes: try bytes(in: folders))
    }
}
