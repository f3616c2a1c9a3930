import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Records

/// A record's merge base (`content/.dong-bo/co-so/<code>.md`: its national part as last
/// imported) as found on disk. Three cases, never confused: nothing there, a text, or something
/// that is there but cannot be read as a base (a folder, a pipe, a link out of the site, bytes
/// that are not UTF-8). Only "nothing there" may be written without a look: what cannot be read
/// is never replaced, and a missing base never lets sync take a file for untouched.
enum MergeBase {
    case missing
    case text(String)
    case unreadable(Problem)

    var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    static func read(code: String, in site: URL) -> MergeBase {
        let path = CatalogSync.basePath(code)
        var info = stat()
        guard lstat(site.path + "/" + path, &info) == 0 else {
            // ENOTDIR: `co-so` (or `.dong-bo`) is a file, which `CatalogSync.checkFolders` refuses.
            return errno == ENOENT ? .missing : .unreadable(.notAFile)
        }
        // The same reader as a record's: no pipe waited on, no link followed out of the site.
        switch RecordFile.read(path, in: site) {
        case .refused(let problem):
            return .unreadable(problem)
        case .bytes(let bytes):
            if let offset = UTF8Check.firstInvalidByte(in: bytes) { return .unreadable(.notUTF8(byteOffset: offset)) }
            return .text(String(decoding: bytes, as: UTF8.self))
        }
    }
}
