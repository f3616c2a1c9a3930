import FileSystem
import Records

/// The small file every build writes into its output (`.tthc-output`), by which the next build
/// knows that the folder is its own to replace. An output of the released tthc, made before the
/// marker existed, is recognized by its layout instead, so that upgrading needs no `--force`.
enum OutputMarker {
    static let fileName = OwnPlaces.outputMarker

    static let text = """
        tthc build: thư mục này do tthc tạo ra; mỗi lần tạo trang, cả thư mục được thay mới.
        tthc build: this folder was made by tthc; each build replaces all of it.

        """

    /// The marker of one build: the text, then `build <id>`, by which that build's state beside
    /// the output (`BuildState`) is known to describe this very output.
    static func text(build id: String) -> String { text + "build \(id)\n" }

    /// The build a marked folder holds (nil for a marker without one, or none).
    static func build(in folder: String) -> String? {
        guard let bytes = try? Files.read(folder + "/" + fileName, followingLinks: false), bytes.count < 4096 else { return nil }
        let line = String(decoding: bytes, as: UTF8.self).split(separator: "\n").last { $0.hasPrefix("build ") }
        return line.map { String($0.dropFirst("build ".count)) }
    }

    /// Written by tthc: the marker (a regular file, not a link, starting with the marker's first
    /// line), or the layout of an earlier tthc's output.
    static func isMarked(_ folder: String, names: [String]) -> Bool {
        if names.contains(fileName),
           let bytes = try? Files.read(folder + "/" + fileName, followingLinks: false),
           let firstLine = text.split(separator: "\n").first,
           bytes.starts(with: Array(firstLine.utf8)) {
            return true
        }
        return isEarlierOutput(folder, names: names)
    }

    /// What tthc wrote at the top of an output before the marker: only these names, and among
    /// them the files no other tool writes together (the procedure API beside a sitemap).
    static let earlierNames: Set<String> = [
        "404.html", "api", "assets", "bai-bo", "cap", "co-quan", "feed.xml", "index.html", "linh-vuc",
        "robots.txt", "sitemap.xml", "thu-tuc", "tim-kiem", "truc-tuyen",
    ]

    static func isEarlierOutput(_ folder: String, names: [String]) -> Bool {
        guard !names.isEmpty, names.allSatisfy(earlierNames.contains) else { return false }
        return ["index.html", "sitemap.xml", "api/thu-tuc.json"].allSatisfy { (try? Files.kind(folder + "/" + $0)) == .file }
    }
}
