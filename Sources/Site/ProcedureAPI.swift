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
        guard case .object(var members) = RecordWriter.value(of: procedure) else { return Data("{}\n".utf8) }
        members.append(.init("url", .string(root + "thu-tuc/\(procedure.code)/")))
        members.append(.init("noi_dung", .list(body.sections.map { section in
            .object([.init("markdown", .string(section.markdown))] + (section.title.map { [.init("tieu_de", .string($0))] } ?? []))
        })))
        return Data(Value.object(members).sortingKeys.jsonBytes(pretty: true) + [UInt8(ascii: "\n")])
    }
}
