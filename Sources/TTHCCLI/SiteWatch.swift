import Foundation

/// Notices saves in a site (`site.yml`, `content/`, `templates/`; a province's `tinh.yml` and
/// `don-vi/` too) by polling modification times:
/// the same on every system staff use, and cheap for a few thousand files.
enum SiteWatch {
    struct State: Equatable {
        let site: URL
        var stamps: [String: Date] = [:]

        init(site: URL) {
            self.site = site
            for path in ["site.yml", "content", "templates", "tinh.yml", "don-vi"] {
                let url = site.appendingPathComponent(path)
                stamps[path] = Self.modified(url)
                guard let files = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.contentModificationDateKey])
                else { continue }
                for case let file as URL in files where !file.path.contains("/.dong-bo/") {
                    // Sync's own bookkeeping (`content/.dong-bo/`) is not something staff edit.
                    stamps[file.path] = Self.modified(file)
                }
            }
        }

        private static func modified(_ url: URL) -> Date? {
            (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
        }
    }

    static let interval: TimeInterval = 0.1

    /// Blocks until a file is added, removed or saved; returns the new state.
    static func waitForChange(after state: State) -> State {
        while true {
            Thread.sleep(forTimeInterval: interval)
            let now = State(site: state.site)
            if now != state { return now }
        }
    }
}
