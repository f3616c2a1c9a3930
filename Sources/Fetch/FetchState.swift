import Foundation

/// What fetch remembers between runs, beside the export (`FILE.trang-thai.jsonl`, committed with
/// it): every procedure of the catalogue it has seen, whether the site's scope holds it, how many
/// runs in a row it was missing from the list, and its list row's fingerprint. One JSON line
/// each, sorted by id, and no clock: a run that finds nothing new leaves the file as it was.
struct FetchState: Equatable {
    struct Known: Equatable {
        var code: String
        /// The last detail put it in the site's scope (it is asked for again on every run).
        var inScope: Bool
        /// Runs in a row the list did not have it; at 2 it is gone.
        var missing: Int
        var row: String
    }

    static let marker = "tthc_fetch"
    var api: String
    var selection: String
    /// Procedures in the catalogue's list at the last complete run (internal ones included).
    var listed: Int
    /// The export as this state's run wrote it.
    var export: String
    var procedures: [String: Known] = [:]

    enum Problem: Error, Equatable {
        case notOurs
        case damaged(line: Int)
    }

    /// Nil when there is no state yet (no file: `data` nil).
    static func read(_ data: Data?) throws(Problem) -> FetchState? {
        guard let data else { return nil }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first, let header = try? JSONSerialization.jsonObject(with: Data(first)) as? [String: Any],
              header[marker] as? Int == 1 else { throw .notOurs }
        guard let api = header["api"] as? String, let selection = header["chon"] as? String,
              let listed = header["so_thu_tuc"] as? Int, let export = header["tep_xuat"] as? String else { throw .damaged(line: 1) }
        var state = FetchState(api: api, selection: selection, listed: listed, export: export)
        for (index, line) in lines.enumerated().dropFirst() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.filter { $0 != 0x0D })) as? [String: Any],
                  let id = object["id"] as? String, let code = object["ma"] as? String, let inScope = object["pham_vi"] as? Bool,
                  let missing = object["vang"] as? Int, let row = object["dong"] as? String else { throw .damaged(line: index + 1) }
            state.procedures[id] = Known(code: code, inScope: inScope, missing: missing, row: row)
        }
        return state
    }

    var text: Data {
        var data = ExportLine.canonical(["tthc_fetch": 1, "api": api, "chon": selection, "so_thu_tuc": listed, "tep_xuat": export])
        data.append(0x0A)
        for id in procedures.keys.sorted() {
            guard let known = procedures[id] else { continue }
            data.append(ExportLine.canonical(["id": id, "ma": known.code, "pham_vi": known.inScope, "vang": known.missing, "dong": known.row]))
            data.append(0x0A)
        }
        return data
    }
}
