import Foundation
import Catalog
@testable import Fetch
import Testing

/// How one answer of the portal is judged, whatever its HTTP status says.
@Suite struct PortalAnswerTests {
    static func judged(_ status: Int, _ body: String, failure: HTTPExchange.Failure? = nil, location: String? = nil) -> PortalAnswer {
        PortalAnswer.judge(HTTPExchange(status: status, location: location, body: Data(body.utf8), failure: failure))
    }

    static let ok = #"{"code":"OK","data":{"id":"a"},"message":"OK"}"#

    @Test func theEnvelopeDecidesNotTheStatus() {
        for status in [200, 201] {
            guard case .data(let data) = Self.judged(status, Self.ok) else { Issue.record("\(status)"); continue }
            #expect((data as? [String: Any])?["id"] as? String == "a")
        }
        for body in [#"{"code":"ERROR","data":null,"message":"x"}"#, #"{"code":"OK","data":null}"#, #"{"data":{"id":"a"}}"#, "[1]"] {
            guard case .failed = Self.judged(201, body) else { Issue.record("not failed: \(body)"); continue }
        }
    }

    @Test func theFirewallAndOtherRefusalsStopTheRun() {
        let firewall = "<html><head><title>Request Rejected</title></head><body>The requested URL was rejected.</body></html>"
        #expect(Self.refusal(Self.judged(200, firewall)) == .firewall)
        #expect(Self.refusal(Self.judged(200, "\n  " + firewall.uppercased())) == .firewall)
        #expect(Self.refusal(Self.judged(200, "<!DOCTYPE html><p>Bảo trì</p>")) == .webPage(status: 200))
        for status in [401, 403, 429] { #expect(Self.refusal(Self.judged(status, "")) == .status(status)) }
        #expect(Self.refusal(Self.judged(302, "", location: "https://x.invalid/\u{1B}[2J")) == .redirect("https://x.invalid/�[2J"))
    }

    @Test func whatMayPassIsTransient() {
        for answer in [Self.judged(503, "<html>busy</html>"), Self.judged(500, ""), Self.judged(201, #"{"code":"OK","da"#),
                       Self.judged(201, ""), Self.judged(0, "", failure: .timedOut), Self.judged(0, "", failure: .network("reset"))] {
            guard case .transient = answer else { Issue.record("not transient: \(answer)"); continue }
        }
        guard case .failed = Self.judged(201, "", failure: .tooLarge(40_000_000)) else { Issue.record("a huge answer is not retried"); return }
        guard case .failed = Self.judged(201, "not json at all") else { Issue.record("text is not retried"); return }
        guard case .failed = Self.judged(404, "{}") else { Issue.record("404 fails that request"); return }
    }

    /// One value Foundation's parser cannot hold is repaired, not the whole answer lost; JSON
    /// that is whole but damaged fails without a retry; JSON that stops early is retried.
    @Test func oneValueTheParserRefusesIsRepairedAndDamageIsNotTakenForACut() {
        let surrogate = #"{"code":"OK","data":{"id":"a","name":"\ud800x"},"message":"OK"}"#
        guard case .data(let data) = Self.judged(201, surrogate) else { Issue.record("lone surrogate refused"); return }
        #expect((data as? [String: Any])?["name"] as? String == "\u{FFFD}x")
        guard case .data = Self.judged(201, #"{"code":"OK","data":{"id":"a","n":1e400}}"#) else { Issue.record("1e400 refused"); return }
        for damaged in [#"{"code":"OK","data":{"id":"a","n":NaN}}"#, #"{"code":"OK",}"#, #"{"code":"OK","data":{"id":"a"}}}"#] {
            guard case .failed = Self.judged(201, damaged) else { Issue.record("not failed: \(damaged)"); continue }
        }
        for cut in [#"{"code":"OK","data":{"id":"a","name":"b"#, #"{"code":"OK","data":{"id":"a","name":"\"}"#, "[{"] {
            guard case .transient = Self.judged(201, cut) else { Issue.record("not transient: \(cut)"); continue }
        }
    }

    /// The one scanner behind "cut short" here and behind sync's skipping of a too-deep container:
    /// strings and their escapes skipped, nil when the bytes stop inside, on a slice as on an array.
    @Test func oneScannerSaysWhereAContainerEnds() {
        let whole = Array(#"[{"a":"]}\"}"},1] tail"#.utf8)
        #expect(JSONContainer.end(ofContainerAt: 0, in: whole) == whole.count - 5)
        #expect(JSONContainer.end(ofContainerAt: 1, in: whole) == whole.count - 8)
        for cut in [#"[{"a":1}"#, #"["\"#, #"{"a":"}"#, "["] {
            #expect(JSONContainer.end(ofContainerAt: 0, in: Array(cut.utf8)) == nil, "\(cut)")
        }
        let slice = Data("xx{\"b\":[]}yy".utf8).dropFirst(2)
        #expect(JSONContainer.end(ofContainerAt: slice.startIndex, in: slice) == 10)
    }

    static func refusal(_ answer: PortalAnswer) -> PortalAnswer.Refusal? {
        if case .refused(let refusal) = answer { return refusal }
        return nil
    }

    /// The export's JSON spelling is a fixed point: written again, a line does not change.
    @Test func anExportLineIsWrittenTheSameWayAgain() throws {
        for envelope in try ReplayPortal.envelopes().values {
            let data = try #require(envelope["data"] as? [String: Any])
            let line = ExportLine.envelope(data)
            let again = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
            #expect(ExportLine.canonical(again) == line)
            #expect(!line.contains(0x0A))
        }
    }
}
