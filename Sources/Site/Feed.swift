import Escaping
import Records

/// `/feed.xml`: the change log as an Atom feed, newest first, so that a province's portal, a
/// newsroom or a citizen's reader learns of new, changed and abolished procedures. Written through
/// `XMLWriter`: no value (a name, the unit, a date of the log) reaches the document unescaped.
enum Feed {
    static let limit = 50

    /// `changes`: the log's entries of published procedures, newest first (`ChangeNotice.newest`).
    /// An entry is updated when the site took the change, and published on the date it tells.
    static func atom(changes: [ChangeNotice], names: [String: String], unitName: String, root: String) -> String {
        let entries = changes.prefix(limit)
        // No clock in the output: the feed is as new as its newest change (or the epoch, with none).
        let updated = entries.map(\.entry.date).max() ?? "1970-01-01T00:00:00Z"
        var xml = XMLWriter()
        xml.open("feed", ["xmlns": "http://www.w3.org/2005/Atom", "xml:lang": "vi"])
        xml.element("title", "Thủ tục hành chính mới cập nhật – \(unitName)")
        xml.element("id", root + "feed.xml")
        xml.empty("link", ["rel": "self", "href": root + "feed.xml"])
        xml.empty("link", ["rel": "alternate", "type": "text/html", "href": root])
        xml.element("updated", updated)
        xml.open("author", inline: true)
        xml.element("name", unitName, inline: true)
        xml.close("author")
        for notice in entries {
            let change = notice.entry
            let url = root + "thu-tuc/\(change.code)/"
            let name = names[change.code] ?? change.code
            xml.open("entry")
            xml.element("title", "\(notice.label): \(name)")
            // The id keeps the log's own date: a reader that saw the entry never sees it as new again.
            xml.element("id", "\(url)#\(change.kind.rawValue)-\(change.date)")
            xml.empty("link", ["rel": "alternate", "type": "text/html", "href": url])
            xml.element("published", notice.instant)
            xml.element("updated", change.date)
            xml.element("summary", "\(notice.sentence): \(name) (mã \(change.code)).")
            xml.close("entry")
        }
        xml.close("feed")
        return xml.text
    }
}
