import Foundation

/// The `id`s of a page: those a rendered page holds, for checking `#anchor` links, and those a
/// page gives out, which must never repeat (a unit's `## Trình tự` section beside the page's own
/// `trinh-tu`, or two local headings alike, would make one anchor lead to two places).
enum HTMLIDs {
    /// tthc writes every attribute double-quoted, so a plain scan of its own output is enough.
    static func of(_ html: String) -> Set<String> {
        var ids: Set<String> = []
        var rest = Substring(html)
        while let found = rest.range(of: " id=\"") {
            rest = rest[found.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            ids.insert(String(rest[..<end]))
            rest = rest[end...]
        }
        return ids
    }

    /// The ids the site's templates write as they are (`id="tom-tat"`, not `id="{{id}}"`): a page
    /// has them whatever its records hold, so headings from records never take one.
    static func written(inTemplatesAt folder: URL) -> Set<String> {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".mustache") }
        var ids: Set<String> = []
        for name in names {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            ids.formUnion(of(text).filter { !$0.contains("{{") })
        }
        return ids
    }
}

/// The ids given out on one page, in page order: an id already taken gets `-2`, `-3` …
struct PageIDs {
    private var taken: Set<String>

    init(reserved: Set<String>) {
        taken = reserved
    }

    mutating func claim(_ id: String) -> String {
        var unique = id, suffix = 1
        while !taken.insert(unique).inserted {
            suffix += 1
            unique = "\(id)-\(suffix)"
        }
        return unique
    }
}
