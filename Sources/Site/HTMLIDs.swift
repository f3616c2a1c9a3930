/// The `id`s of a rendered page, for checking `#anchor` links. tthc writes every attribute
/// double-quoted, so a plain scan of its own output is enough.
enum HTMLIDs {
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
}
