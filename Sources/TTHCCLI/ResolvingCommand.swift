import Catalog
import Records

/// The command a report prints to settle a conflict: the sync the person just ran, with the same
/// export and site, plus the choice. It is meant to be copied as it is, so every argument is
/// quoted for the shell where it needs to be.
struct ResolvingCommand {
    var catalog: String
    /// `--site` as given; "." (the default) is left out.
    var site: String
    var language: Language

    func line(_ resolution: CatalogSync.Resolution, code: String) -> String {
        var words = ["tthc", "sync", "--catalog", Self.quoted(catalog)]
        if site != "." { words += ["--site", Self.quoted(site)] }
        if language == .en { words += ["--lang", "en"] }
        words += [Self.option(resolution), code]
        return words.joined(separator: " ")
    }

    static func option(_ resolution: CatalogSync.Resolution) -> String {
        resolution == .keepLocal ? "--giu-ban-don-vi" : "--lay-ban-quoc-gia"
    }

    /// A word as a POSIX shell reads it back: as it is when it holds only safe characters, else in
    /// single quotes (a quote inside written as `'\''`).
    static func quoted(_ word: String) -> String {
        let safe = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./:=@%+,".unicodeScalars.contains(scalar))
        }
        return safe ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
