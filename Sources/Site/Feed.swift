import Records

/// `/feed.xml`: the change log as an Atom feed, newest first, so that a province's portal, a
/// newsroom or a citizen's reader learns of new, changed and abolished procedures.
enum Feed {
    static let limit = 50

    /// `changes`: the log's entries of published procedures, newest first (`ChangeNotice.newest`).
    /// An entry is updated when the site took the change, and published on the date it tells.
    static func atom(changes: [ChangeNotice], names: [String: String], unitName: String, root: String) -> String {
        let entries = changes.prefix(limit)
        // No clock in the output: the feed is as new as its newest change (or the epoch, with none).
        let updated = entries.map(\.entry.date).max() ?? "1970-01-01T00:00:00Z"
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
        for notice in entries {
            let change = notice.entry
            let url = root + "thu-tuc/\(change.code)/"
            let name = names[change.code] ?? change.code
            // The id keeps the log's own date: a reader that saw the entry never sees it as new again.
            xml += """
                <entry>
                <title>\(HTML.escape("\(notice.label): \(name)"))</title>
                <id>\(HTML.escape(url))#\(change.kind.rawValue)-\(HTML.escape(change.date))</id>
                <link rel="alternate" type="text/html" href="\(HTML.escape(url))"/>
                <published>\(HTML.escape(notice.instant))</published>
                <updated>\(HTML.escape(change.date))</updated>
                <summary>\(HTML.escape("\(notice.sentence): \(name) (mã \(change.code))."))</summary>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }
}
