import Records

/// What an account may write, as one rule over paths: every request that writes asks it, and
/// nothing else decides. A path is a site-relative record path as tthc spells it (no `..`, no
/// `//`, no backslash, no percent sign left): anything else is refused before any look at the disk.
public enum EditRights {
    /// How the site is laid out, which decides whose a file is.
    public enum Layout: Sendable, Equatable {
        /// Today's site: `site.yml` at the root; its records are the unit's (`slug`: the site folder's name).
        case single(slug: String)
        /// Issue 17's province: `don-vi/<slug>/thu-tuc/<code>.md` are the units' own parts; the
        /// pool `content/thu-tuc/` is written by sync only.
        case province
    }

    /// Who is asking: an account, or the person at the machine of a `serve` without `--accounts`.
    public enum Editor: Sendable, Equatable {
        case local
        case account(Account)
    }

    /// May `editor` write the file at `path` (created or changed)?
    public static func mayWrite(_ editor: Editor, _ path: String, in layout: Layout) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy(isPlainName) else { return false }
        switch layout {
        case .single(let slug):
            guard parts.count == 3, parts[0] == "content", parts[1] == "thu-tuc", isRecordName(parts[2]) else { return false }
            switch editor {
            case .local: return true
            case .account(let account): return account.tinh || account.donVi.contains(slug)
            }
        case .province:
            // The national pool is never written from the editor, whoever asks.
            guard parts.count == 4, parts[0] == "don-vi", parts[2] == "thu-tuc", isRecordName(parts[3]) else { return false }
            switch editor {
            case .local: return true
            case .account(let account): return account.tinh || account.donVi.contains(parts[1])
            }
        }
    }

    /// `<code>.md` with a national procedure code.
    static func isRecordName(_ name: String) -> Bool {
        name.hasSuffix(".md") && Syntax.isProcedureCode(String(name.dropLast(3)))
    }

    /// One path component tthc itself would write: ASCII letters, digits, `.`, `_`, `-`, not `.` or `..`.
    static func isPlainName(_ part: String) -> Bool {
        guard !part.isEmpty, part != ".", part != "..", part.utf8.count <= 100 else { return false }
        return part.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-")
        }
    }
}
