import Foundation
import Markdown
import Records

/// One catalog procedure mapped to a record (CATALOG.md, "Mapping").
public struct MappedProcedure: Sendable {
    public var procedure: Procedure
    /// The national body sections, in the portal's order.
    public var sections: [Body.Section]
}

/// Why a catalog entry could not become a record; reported with its code and position.
public struct MappingFailure: Error, Sendable, Equatable {
    public var code: String?
    public var position: Int
    public var reason: Localized
}

public enum CatalogMapping {
    static let portalProcedureURL = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"

    public static func map(_ data: [String: Any], position: Int) -> Result<MappedProcedure, MappingFailure> {
        let rawCode = (data["code"] as? String) ?? (data["codeNotation"] as? String)
        func failure(_ vi: String, _ en: String) -> Result<MappedProcedure, MappingFailure> {
            .failure(MappingFailure(code: rawCode?.trimmingSpaces(), position: position,
                                    reason: Localized(vi: vi, en: en)))
        }
        guard let trimmedCode = rawCode?.trimmingWhitespace(), !trimmedCode.isEmpty else {
            if let code = data["code"], !(code is NSNull) {
                return failure("mã thủ tục (`code`) phải là văn bản, ở đây là \(CatalogText.kind(of: code).vi)",
                               "the procedure code (`code`) must be text, here it is \(CatalogText.kind(of: code).en)")
            }
            return failure("không có mã thủ tục", "no procedure code")
        }
        guard Syntax.isProcedureCode(trimmedCode) else {
            return failure("mã thủ tục `\(trimmedCode)` sai dạng (cần dạng 1.001193)",
                           "malformed procedure code `\(trimmedCode)` (expected e.g. 1.001193)")
        }
        guard let name = CatalogText.oneLine(data["name"]) else {
            if let value = data["name"], !(value is NSNull), !(value is String) {
                return failure("tên thủ tục (`name`) phải là văn bản, ở đây là \(CatalogText.kind(of: value).vi)",
                               "the procedure name (`name`) must be text, here it is \(CatalogText.kind(of: value).en)")
            }
            return failure("không có tên thủ tục", "no procedure name")
        }
        let levels = levelsOf(data)
        guard !levels.isEmpty else {
            return failure("không xác định được cấp thực hiện", "no level carries it out")
        }
        let categories = [data["category"]].compactMap { $0 as? [String: Any] } + CatalogText.objects(data["categoriesDetails"])
        guard let category = categories.first, let sectorCode = CatalogText.oneLine(category["code"]),
              let sectorName = CatalogText.oneLine(category["name"]) else {
            return failure("không có lĩnh vực", "no field (category)")
        }
        guard let origin = originMap[(data["type"] as? String) ?? ""] else {
            return failure("loại thủ tục `\(data["type"] ?? "")` không rõ", "unknown procedure type `\(data["type"] ?? "")`")
        }
        guard let status = statusMap[(data["state"] as? String) ?? ""] else {
            return failure("tình trạng `\(data["state"] ?? "")` không rõ", "unknown state `\(data["state"] ?? "")`")
        }

        var procedure = Procedure(code: trimmedCode, name: name, levels: levels,
                                  sector: .init(code: sectorCode, name: sectorName), status: status, origin: origin)
        procedure.kind = kindMap[(data["formalityType"] as? String) ?? ""]
        procedure.subjects = nonEmpty(CatalogText.objects(data["subjectTypesDetails"]).compactMap(codeAndName))
        procedure.agencies = agencies(data)
        let channels = CatalogText.objects(data["executionMethods"]).compactMap(channel)
        procedure.channels = nonEmpty(channels)
        procedure.documentGroups = nonEmpty(CatalogText.objects(data["executionCases"]).compactMap(documentGroup))
        procedure.cases = nonEmpty(CatalogText.objects(data["cases"]).compactMap(procedureCase))
        procedure.receivingPlace = CatalogText.multiline(data["dossierReceivingAddresses"])
        procedure.results = nonEmpty(CatalogText.objects(data["resultsDetails"]).compactMap(codeAndName))
        procedure.legalBases = nonEmpty(CatalogText.objects(data["legalBasisesDetails"]).compactMap(legalBasis))
        procedure.decision = decision(data["procedureProposal"] as? [String: Any])
        let id = CatalogText.oneLine(data["id"])
        procedure.onlineService = onlineService(data, channels: channels, id: id)
        procedure.keywords = nonEmpty(((data["keywords"] as? String) ?? "").split(separator: ",")
            .compactMap { CatalogText.oneLine(String($0)) })
        procedure.source = Procedure.Source(
            system: .national, id: id, url: id.map { portalProcedureURL + $0 },
            announcedBy: CatalogText.oneLine(data["departmentPromulgateCode"]).flatMap { code in
                CatalogText.oneLine(data["departmentPromulgateName"]).map { .init(code: code, name: $0) }
            },
            catalogUpdatedAt: (data["updatedAt"] as? NSNumber).map {
                CalendarDate.vietnamDateTime(epochSeconds: $0.int64Value / 1000)
            })
        return .success(MappedProcedure(procedure: procedure, sections: sections(data)))
    }

    // MARK: - Vocabularies

    static let originMap: [String: Procedure.Origin] = [
        "STANDARD": .national, "SPECIFIC": .provinceSpecific, "STANDARD_INTERNAL": .internal,
    ]
    static let statusMap: [String: Procedure.Status] = ["ACTIVE": .inForce, "UPDATED": .amended]
    static let kindMap: [String: Procedure.Kind] = [
        "ASSIGNED_REGULATION": .assignedRegulation, "NOT_ASSIGNED_REGULATION": .notAssigned, "OTHER": .other,
    ]
    static let channelMap: [String: Procedure.Channel.Kind] = ["DIRECT": .inPerson, "ONLINE": .online, "POSTAL": .post]
    static let unitMap: [String: Procedure.Duration.Unit] = [
        "WORKING_DAY": .workingDays, "DAY": .days, "HOUR": .hours, "MONTH": .months, "OTHER": .other,
    ]
    static let feeMap: [String: Procedure.Fee.Kind] = ["FEE": .charge, "SERVICE_FEE": .fee, "PRICE_LEVEL": .price]

    // MARK: - Parts

    private static func levelsOf(_ data: [String: Any]) -> [Procedure.Level] {
        var levels: [Procedure.Level] = []
        if CatalogText.flag(data["isMinistry"]) { levels.append(.central) }
        if CatalogText.flag(data["isProvince"]) { levels.append(.province) }
        if CatalogText.flag(data["isWard"]) { levels.append(.commune) }
        if CatalogText.flag(data["isOtherAgency"]) { levels.append(.otherAgency) }
        return levels
    }

    private static func codeAndName(_ object: [String: Any]) -> Procedure.CodeAndName? {
        CatalogText.multiline(object["name"]).map { .init(code: CatalogText.oneLine(object["code"]), name: $0) }
    }

    /// Structured lists when the portal has them; its free text only when both lists are empty
    /// (the text is not split: agency names contain commas).
    private static func agencyNames(_ data: [String: Any], _ departments: String, _ groups: String, text: String?) -> [String]? {
        let names = (CatalogText.objects(data[departments]) + CatalogText.objects(data[groups]))
            .compactMap { CatalogText.multiline($0["name"]) }
        if !names.isEmpty { return names }
        return text.flatMap { CatalogText.multiline(data[$0]) }.map { [$0] }
    }

    private static func agencies(_ data: [String: Any]) -> Procedure.Agencies? {
        guard let executing = agencyNames(data, "departmentsExecuting", "unitGroupsExecuting", text: "executingAgencies") else {
            return nil
        }
        return Procedure.Agencies(
            executing: executing,
            competent: agencyNames(data, "departmentsAuthority", "unitGroupsAuthority", text: nil),
            authorized: agencyNames(data, "departmentsAuthorized", "unitGroupsAuthorized", text: "authorizedAgencies"),
            coordinating: agencyNames(data, "departmentsCoordinating", "unitGroupsCoordinating", text: "coordinatingAgencies"))
    }

    /// `processingTime` is a number, a fraction, or text such as "Theo mô tả" that belongs in `mo_ta`.
    private static func channel(_ method: [String: Any]) -> Procedure.Channel? {
        guard let kind = channelMap[(method["submissionMethod"] as? String) ?? ""] else { return nil }
        let unit = unitMap[(method["processingTimeUnit"] as? String) ?? ""] ?? .other
        let time = method["processingTime"]
        var duration = Procedure.Duration(amount: CatalogText.number(time), unit: unit)
        if duration.amount == nil, let text = CatalogText.multiline(time) {
            if let amount = Double(text.replacingOccurrences(of: ",", with: ".")) {
                duration.amount = amount
            } else {
                duration.description = text
            }
        }
        let fees = CatalogText.objects(method["fees"]).map { fee in
            Procedure.Fee(kind: feeMap[(fee["type"] as? String) ?? ""] ?? .fee,
                          amount: CatalogText.integer(fee["value"]).map { max(0, $0) },
                          description: CatalogText.multiline(fee["description"]))
        }
        return Procedure.Channel(kind: kind, duration: duration, fees: fees,
                                 description: CatalogText.multiline(method["description"]))
    }

    private static func documentGroup(_ group: [String: Any]) -> Procedure.DocumentGroup? {
        let documents = CatalogText.objects(group["profileComponents"]).compactMap { component -> Procedure.Document? in
            guard let name = CatalogText.multiline(component["name"]) else { return nil }
            let forms = CatalogText.objects(component["attachments"]).compactMap { attachment in
                CatalogText.oneLine(attachment["fileName"]).map { Procedure.Form(name: $0, url: nil) }
            }
            return Procedure.Document(
                name: name, code: CatalogText.oneLine(component["code"]),
                originals: max(0, CatalogText.integer(component["originalQty"]) ?? 0),
                copies: max(0, CatalogText.integer(component["copyQty"]) ?? 0),
                required: component["required"] as? Bool, forms: nonEmpty(forms))
        }
        guard !documents.isEmpty else { return nil }
        return Procedure.DocumentGroup(name: CatalogText.multiline(group["name"]), documents: documents)
    }

    private static func procedureCase(_ item: [String: Any]) -> Procedure.Case? {
        guard let code = CatalogText.oneLine(item["code"]), let name = CatalogText.multiline(item["name"]) else { return nil }
        var duration: Procedure.Duration?
        if let day = item["processingDay"] as? [String: Any], let type = day["type"] as? String {
            duration = Procedure.Duration(amount: CatalogText.number(day["qty"]), unit: unitMap[type] ?? .other)
        }
        return Procedure.Case(code: code, name: name, duration: duration)
    }

    private static func legalBasis(_ item: [String: Any]) -> Procedure.LegalBasis? {
        let title = CatalogText.multiline(item["name"])
        guard let number = CatalogText.oneLine(item["code"]) ?? title.map({ String($0.prefix(80)) }) else { return nil }
        return Procedure.LegalBasis(number: number, title: title ?? number)
    }

    /// Decision dates are instants at midnight in Vietnam: converted in UTC+7, or they land a day early.
    private static func decision(_ proposal: [String: Any]?) -> Procedure.Decision? {
        guard let proposal, let number = CatalogText.oneLine(proposal["proposalNumber"]),
              let instant = proposal["decisionDate"] as? NSNumber,
              let issuer = CatalogText.oneLine((proposal["issuingAgency"] as? [String: Any])?["name"]) else { return nil }
        return Procedure.Decision(number: number, date: CalendarDate.vietnamDay(epochMilliseconds: instant.int64Value),
                                  issuer: issuer, publishedOn: (proposal["publicationDate"] as? NSNumber)
                                      .map { CalendarDate.vietnamDay(epochMilliseconds: $0.int64Value) })
    }

    private static func onlineService(_ data: [String: Any], channels: [Procedure.Channel], id: String?) -> Procedure.OnlineService {
        guard channels.contains(where: { $0.kind == .online }) else { return .init(level: .none, url: nil) }
        let level: Procedure.OnlineService.Level = CatalogText.flag(data["isFullProcess"]) ? .full : .partial
        return .init(level: level, url: id.map { portalProcedureURL + $0 })
    }

    private static func sections(_ data: [String: Any]) -> [Body.Section] {
        var sections: [Body.Section] = []
        let steps = CatalogText.objects(data["executionSteps"]).compactMap { step -> String? in
            let name = CatalogText.oneLine(step["name"]).map { "**" + PlainTextMarkdown.markdown(fromPlainText: $0) + "**" }
            let text = CatalogText.multiline(step["description"]).map(PlainTextMarkdown.markdown(fromPlainText:))
            let parts = [name, text].compactMap { $0 }.filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
        }
        if steps.count == 1 {
            sections.append(Body.Section(title: Schema.nationalSections[0], markdown: steps[0], line: 0))
        } else if !steps.isEmpty {
            // Several steps are a numbered process: an ordered list, each step's paragraphs inside its item.
            let items = steps.enumerated().map { number, step in
                let marker = "\(number + 1). "
                let indent = String(repeating: " ", count: marker.count)
                return marker + step.split(separator: "\n", omittingEmptySubsequences: false)
                    .enumerated().map { $0.offset == 0 || $0.element.isEmpty ? String($0.element) : indent + $0.element }
                    .joined(separator: "\n")
            }
            sections.append(Body.Section(title: Schema.nationalSections[0], markdown: items.joined(separator: "\n\n"), line: 0))
        }
        if let conditions = CatalogText.multiline(data["requirementsAndConditions"]) {
            sections.append(Body.Section(title: Schema.nationalSections[1],
                                         markdown: PlainTextMarkdown.markdown(fromPlainText: conditions), line: 0))
        }
        return sections
    }

    private static func nonEmpty<T>(_ items: [T]) -> [T]? { items.isEmpty ? nil : items }
}
