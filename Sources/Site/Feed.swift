import Records

/// `/feed.xml`: the change log as an Atom feed, newest first, so that a province's portal, a
/// newsroom or a citizen's reader learns of new, changed and abolished procedures.
enum Feed {
    static let limit = 50

    static func atom(changes: [ChangeLog.Entry], names: [String: String], unitName: String, root: String) -> String {
        let entries = changes.filter { names[$0.code] != nil }.prefix(limit)
        // No clock in the output: the feed is as new as its newest change (or the epoch, with none).
        let updated = entries.first.map { $0.date } ?? "1970-01-01T00:00:00Z"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
            <title>\(HTML.escape("Thủ tục hành chính mới cập nhật – \(unitName)"))</title>
            <id>\(HTML.escape(root))feed.xml</id>
            <link rel="self" href="\(HTML.escape(root))feed.xml"/>
            <link rel="alternate" type="text/html" href="\(HTML.escape(root))"/>
            <updated>\(updated)</updated>
            <author><name>\(HTML.escape(unitName))</name></author>

            """
        for change in entries {
            let url = root + "thu-tuc/\(change.code)/"
            let name = names[change.code] ?? change.code
            xml += """
                <entry>
                <title>\(HTML.escape("\(change.kind.label): \(name)"))</title>
                <id>\(HTML.escape(url))#\(change.kind.rawValue)-\(HTML.escape(change.date))</id>
                <link rel="alternate" type="text/html" href="\(HTML.escape(url))"/>
                <updated>\(HTML.escape(change.date))</updated>
                <summary>\(HTML.escape("\(change.kind.label) ngày \(Labels.date(change.date) ?? change.date): \(name) (mã \(change.code))."))</summary>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }
}
