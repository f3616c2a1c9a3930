import FileSystem
import Foundation

/// The frame a single site's build and a province's share around their rendering: each batch of
/// files goes to a staging folder beside the output as it is made (or to memory, for tests), and
/// the whole is kept only when, everything made, the build still decides so. On any error, or when
/// it decides not to, the previous output stays exactly as it was.
enum OutputProduction {
    /// Where the files go.
    enum Destination {
        /// Staged beside the output and swapped in (`depth`: how many batches may wait to be
        /// written while the next is rendered, `StagedOutput`; `keepsState`: the marker names the
        /// build, whose state is kept beside the output, `BuildState`).
        /// `reusing`: what the previous build wrote there (its state): a file whose bytes are the
        /// same is linked from the previous output instead of written again.
        case folder(OutputTarget, depth: Int, keepsState: Bool = false, reusing: [String: BuildState.Entry]? = nil)
        /// Kept in memory and handed back in path order.
        case memory
    }

    struct Produced<Made> {
        /// What the rendering gave back (for a single site, what cmark found in the bodies).
        var made: Made
        /// Whether the output was kept: swapped in, or handed back.
        var kept: Bool
        var pages = 0
        /// In path order: `.memory` only, when kept.
        var files: [(path: String, data: Data)]?
        /// What could not be removed of the previous output (the new one is in place all the same).
        var leftovers: [FileError] = []
        /// Seconds spent waiting for the file system (the batch before, then the swap).
        var writing = 0.0
        /// `.folder`, when kept: the id in the output's marker, and every file and folder swapped in.
        var build: String?
        var written: [String: BuildState.Entry] = [:]
    }

    /// Runs `produce`, handing it the function that takes each batch of files, then asks `keep`.
    static func run<Made>(into destination: Destination,
                          produce: (_ emit: ([(path: String, data: Data)]) throws -> Void) throws -> Made,
                          keep: (Made) -> Bool = { _ in true }) throws -> Produced<Made> {
        var pages = 0
        switch destination {
        case .memory:
            var files: [(path: String, data: Data)] = []
            let made = try produce { batch in
                pages += pageCount(batch)
                files += batch
            }
            guard keep(made) else { return Produced(made: made, kept: false) }
            files.sort { $0.path < $1.path }
            return Produced(made: made, kept: true, pages: pages, files: files)
        case .folder(let target, let depth, let keepsState, let reusing):
            let staged = try StagedOutput(for: target, depth: depth, namesBuild: keepsState, reusing: reusing)
            do {
                var writing = 0.0
                let made = try produce { batch in
                    pages += pageCount(batch)
                    // Only the wait for the previous batch counts as writing; the rest overlaps rendering.
                    SiteBuild.measure(&writing) { staged.writeBehind(batch) }
                }
                guard keep(made) else {
                    staged.discard()
                    return Produced(made: made, kept: false)
                }
                let leftovers = try SiteBuild.measure(&writing) { try staged.commit() }
                return Produced(made: made, kept: true, pages: pages, leftovers: leftovers, writing: writing,
                                build: keepsState ? staged.build : nil, written: staged.written)
            } catch {
                staged.discard()
                throw error
            }
        }
    }

    private static func pageCount(_ files: [(path: String, data: Data)]) -> Int {
        files.filter { $0.path.hasSuffix(".html") }.count
    }
}
