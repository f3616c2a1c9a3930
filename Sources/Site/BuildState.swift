import FileSystem
import Foundation
import Records

/// What a build was made from and what it wrote, kept beside its output (`.public.tthc-build` for
/// `public/`), so that the next build into that output can tell whether anything changed: every
/// input file (its stamp and the hash of its bytes), every file and folder of the output as
/// written, what the build found (its diagnostics), and what else decides the output (tthc itself,
/// `--base-url`, `SOURCE_DATE_EPOCH`). It describes the output whose marker carries its `build`
/// id, and no other: a build killed after its swap, before its state was written, leaves a state
/// of the previous output, which the next build then does not trust.
struct BuildState: Equatable, Sendable {
    /// Everything beside the files that decides the output.
    var key: String
    /// The id written in the output's marker (`OutputMarker.text(build:)`).
    var build: String
    var inputs: [String: Entry]
    var outputs: [String: Entry]
    var diagnostics: [Diagnostic]

    struct Entry: Equatable, Sendable {
        var stamp: FileStamp
        /// Nil for a folder.
        var hash: ContentHash?
    }

    /// `.<output>.tthc-build` in the output's parent folder.
    static func path(for output: String) -> String {
        let (parent, name) = Files.split(output)
        return parent + "/." + name + OwnPlaces.buildState
    }

    /// The state of `output` when there is one and it describes that output (nil otherwise:
    /// absent, from another version of this format, or left by a build killed after its swap).
    static func read(for output: String) -> BuildState? {
        // Never more than a state of the largest site could be (200,000 files, their findings).
        guard let id = OutputMarker.build(in: output), let stamp = FileStamp.of(path(for: output)), stamp.kind == .file,
              stamp.size <= largest,
              let bytes = try? Files.readIfPresent(path(for: output), followingLinks: false),
              let state = BuildState(text: bytes), state.build == id else { return nil }
        return state
    }

    /// Whether `folder` holds exactly the files and folders this build wrote, each with the bytes
    /// it wrote: a file whose stamp changed (a cache restore, `cp -a`, someone's edit) is read and
    /// compared by its hash; one added, removed or changed means the next build is a whole one.
    /// `contents`: the output's files and folders as already looked through (`OutputTarget`).
    func holdsItsOutput(_ folder: String, contents: [String: FileStamp]? = nil) -> Bool {
        guard let found = contents ?? FileTree.stamps(under: folder, limit: outputs.count), found.count == outputs.count else { return false }
        var unsure: [String] = []
        for (path, stamp) in found {
            guard let kept = outputs[path], kept.stamp.kind == stamp.kind else { return false }
            if stamp.kind == .file, !kept.stamp.sameFile(as: stamp) { unsure.append(path) }
            if stamp.kind == .file, kept.hash == nil { return false }
        }
        let (outputs, paths) = (outputs, unsure)
        return Parallel.map(paths.count) { ContentHash.ofFile(folder + "/" + paths[$0]) == outputs[paths[$0]]?.hash }.allSatisfy { $0 }
    }

    static let largest: Int64 = 256 << 20

    /// Written in place of the previous one (write, then rename: never half a state).
    func write(for output: String) throws {
        try Files.replace(text(), at: Self.path(for: output))
    }

    // MARK: - The text

    /// One line per entry, the path last (no path holding a line break or a tab is ever written:
    /// a build with such a file keeps no state), the diagnostics as one line of JSON.
    private static let format = "tthc-build 1"

    func text() -> [UInt8] {
        var text = Self.format + "\nkey " + key + "\nbuild " + build + "\n"
        for (kind, entries) in [("in", inputs), ("out", outputs)] {
            for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
                let s = entry.stamp
                text += "\(kind)\t\(s.kind.letter)\t\(s.size)\t\(s.modified)\t\(s.changed)\t\(s.inode)\t\(entry.hash?.description ?? "-")\t\(path)\n"
            }
        }
        // Thousands of findings share a few dozen problems (6,375 and 45 at 10,000 procedures):
        // each problem is written once as JSON, each finding as a line naming it. The whole as
        // JSON was 19 MB, and decoding it most of a build that had nothing to do.
        var problems: [Problem] = [], numbers: [Problem: Int] = [:]
        for diagnostic in diagnostics where numbers[diagnostic.problem] == nil {
            numbers[diagnostic.problem] = problems.count
            problems.append(diagnostic.problem)
        }
        let json = (try? JSONEncoder().encode(problems)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        text += "problems\t" + json + "\n"
        for diagnostic in diagnostics {
            text += "found\t\(numbers[diagnostic.problem]!)\t\(diagnostic.line)\t\(diagnostic.column)\t\(diagnostic.origin.rawValue)\t\(diagnostic.file)\n"
        }
        return Array(text.utf8)
    }

    init(key: String, build: String, inputs: [String: Entry], outputs: [String: Entry], diagnostics: [Diagnostic]) {
        self.key = key
        self.build = build
        self.inputs = inputs
        self.outputs = outputs
        self.diagnostics = diagnostics
    }

    init?(text bytes: [UInt8]) {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count >= 4, String(decoding: lines[0], as: UTF8.self) == Self.format else { return nil }
        func value(_ line: ArraySlice<UInt8>, _ name: String) -> String? {
            let text = String(decoding: line, as: UTF8.self)
            return text.hasPrefix(name + " ") ? String(text.dropFirst(name.count + 1)) : nil
        }
        guard let key = value(lines[1], "key"), let build = value(lines[2], "build") else { return nil }
        var inputs: [String: Entry] = [:], outputs: [String: Entry] = [:]
        var problems: [Problem]?, diagnostics: [Diagnostic] = []
        outputs.reserveCapacity(lines.count)
        for line in lines.dropFirst(3) where !line.isEmpty {
            let fields = line.split(separator: UInt8(ascii: "\t"), maxSplits: 7, omittingEmptySubsequences: false)
            let name = fields[0]
            if name.elementsEqual("problems".utf8), fields.count == 2 {
                problems = try? JSONDecoder().decode([Problem].self, from: Data(fields[1]))
                continue
            }
            if name.elementsEqual("found".utf8) {
                let found = line.split(separator: UInt8(ascii: "\t"), maxSplits: 5, omittingEmptySubsequences: false)
                guard found.count == 6, let problems, let number = Self.number(found[1]), problems.indices.contains(Int(number)),
                      let lineNumber = Self.number(found[2]), let column = Self.number(found[3]),
                      let origin = Diagnostic.Origin(rawValue: String(decoding: found[4], as: UTF8.self))
                else { return nil }
                var diagnostic = Diagnostic(file: String(decoding: found[5], as: UTF8.self), line: Int(lineNumber), column: Int(column),
                                            problem: problems[Int(number)])
                diagnostic.origin = origin
                diagnostics.append(diagnostic)
                continue
            }
            // Numbers and hashes read from the bytes: 43,000 lines at 10,000 procedures, each
            // made into strings first, were a fifth of a build that had nothing to do.
            let isInput = name.elementsEqual("in".utf8)
            guard fields.count == 8, isInput || name.elementsEqual("out".utf8), fields[1].count == 1,
                  let kind = Files.Kind(letter: fields[1].first!),
                  let size = Self.number(fields[2]), let modified = Self.number(fields[3]), let changed = Self.number(fields[4]),
                  let inode = Self.number(fields[5]) else { return nil }
            let hash = Self.hash(fields[6])
            guard hash != nil || fields[6].elementsEqual("-".utf8) else { return nil }
            let entry = Entry(stamp: FileStamp(kind: kind, size: size, modified: modified, changed: changed, inode: UInt64(bitPattern: inode)),
                              hash: hash)
            let path = String(decoding: fields[7], as: UTF8.self)
            if isInput { inputs[path] = entry } else { outputs[path] = entry }
        }
        guard problems != nil else { return nil }
        self.init(key: key, build: build, inputs: inputs, outputs: outputs, diagnostics: diagnostics)
    }
}

extension BuildState {
    /// A decimal number, `-` before it if negative (nil for anything else).
    static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0, negative = false, any = false
        for (index, byte) in zip(digits.indices, digits) {
            if byte == UInt8(ascii: "-"), index == digits.startIndex { negative = true; continue }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = times + Int64(byte - UInt8(ascii: "0"))
            any = true
        }
        return any ? (negative ? -value : value) : nil
    }

    /// 32 hexadecimal digits (`ContentHash.description`).
    static func hash(_ digits: ArraySlice<UInt8>) -> ContentHash? {
        guard digits.count == 32 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        for (offset, byte) in digits.enumerated() {
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            if offset < 16 { high = high << 4 | UInt64(nibble) } else { low = low << 4 | UInt64(nibble) }
        }
        return ContentHash(high: high, low: low)
    }
}

extension Files.Kind {
    /// One letter for a build's state.
    var letter: String {
        switch self {
        case .file: return "f"
        case .folder: return "d"
        case .link: return "l"
        case .other: return "o"
        }
    }

    init?(letter: UInt8) {
        switch letter {
        case UInt8(ascii: "f"): self = .file
        case UInt8(ascii: "d"): self = .folder
        case UInt8(ascii: "l"): self = .link
        case UInt8(ascii: "o"): self = .other
        default: return nil
        }
    }
}
