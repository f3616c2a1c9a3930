import Foundation
import Records

/// `/api/thu-tuc.json` (every published procedure, compact) and `/api/thu-tuc/<code>.json` (one
/// record in full): the records' own keys, so a provincial portal or a reporting tool reads the
/// same vocabulary as RECORDS.md, with each page's address added.
enum ProcedureAPI {
    static func index(_ procedures: [Procedure], unitName: String, root: String) -> Data {
        let items: [Value] = procedures.sorted { $0.code < $1.code }.map { p in
            .object([
                .init("cap_thuc_hien", .list(p.levels.map { .string($0.rawValue) })),
                .init("dvc_truc_tuyen", .string((p.onlineService?.level ?? .none).rawValue)),
                .init("json", .string(root + "api/thu-tuc/\(p.code).json")),
                .init("linh_vuc", .object([.init("ma", .string(p.sector.code)), .init("ten", .string(p.sector.name))])),
                .init("ma_thu_tuc", .string(p.code)),
                .init("ten", .string(p.name)),
                .init("trang_thai", .string(p.status.rawValue)),
                .init("url", .string(root + "thu-tuc/\(p.code)/")),
            ])
        }
        let index = Value.object([
            .init("don_vi", .string(unitName)), .init("so_thu_tuc", .integer(items.count)), .init("thu_tuc", .list(items)),
        ])
        return Data(index.jsonBytes() + [UInt8(ascii: "\n")])
    }

    /// The front matter as JSON, its body sections as Markdown, and its page's address; keys
    /// sorted, so that a record's file changes only where the record does.
    static func record(_ procedure: Procedure, body: Body, root: String) -> Data {
        Data(recordBytes(procedure, body: body, url: root + "thu-tuc/\(procedure.code)/"))
    }

    private static func recordBytes(_ procedure: Procedure, body: Body, url: String) -> [UInt8] {
        guard case .object(var members) = RecordWriter.value(of: procedure) else { return Array("{}\n".utf8) }
        members.append(.init("url", .string(url)))
        members.append(.init("noi_dung", .list(body.sections.map { section in
            .object([.init("markdown", .string(section.markdown))] + (section.title.map { [.init("tieu_de", .string($0))] } ?? []))
        })))
        return Value.object(members).sortingKeys.jsonBytes(pretty: true) + [UInt8(ascii: "\n")]
    }

    /// The record as `record` writes it with an empty address, and the offset between that
    /// address's quotes: a province's units share one record and differ only there. The top-level
    /// `"url"` is found unambiguously: JSON writes no raw line break inside a string, and only
    /// top-level keys are indented by two spaces.
    static func recordWithoutAddress(_ procedure: Procedure, body: Body) -> (bytes: [UInt8], url: Int) {
        let bytes = recordBytes(procedure, body: body, url: "")
        let needle = Array("\n  \"url\": \"\"".utf8)
        guard let start = bytes.indices.dropLast(needle.count - 1).first(where: { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }) else {
            return (bytes, -1)
        }
        return (bytes, start + needle.count - 1)
    }

    /// A record from `recordWithoutAddress` with its page's address put in.
    static func record(_ parts: (bytes: [UInt8], url: Int), code: String, root: String) -> Data {
        let quoted = Value.string(root + "thu-tuc/\(code)/").jsonBytes()
        guard parts.url >= 0, quoted.count >= 2 else { return Data(parts.bytes) }
        return Data(parts.bytes[..<parts.url] + quoted[1..<(quoted.count - 1)] + parts.bytes[parts.url...])
    }
}
