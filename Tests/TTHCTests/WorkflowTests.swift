import Foundation
@testable import Site
import Testing
import Yams

/// The workflow `tthc init` writes closes the loop without a person: on its schedule it fetches,
/// synchronizes, checks, builds, commits and publishes; on pushes it checks the drift.
@Suite struct WorkflowTests {
    static func workflow() throws -> [String: Any] {
        let files = Dictionary(uniqueKeysWithValues: SiteScaffold.files(unitName: "UBND xã A", provinceCode: "H35", provinceName: "Tỉnh B",
                                                                        baseURL: "https://x.invalid/").map { ($0.path, $0.text) })
        return try #require(try Yams.load(yaml: files[".github/workflows/tthc.yml", default: ""]) as? [String: Any])
    }

    @Test func theNightlyRunFetchesSyncsChecksBuildsCommitsAndPublishes() throws {
        let workflow = try Self.workflow()
        let triggers = try #require(workflow["on"] as? [String: Any])
        let schedule = try #require(triggers["schedule"] as? [[String: Any]])
        #expect(schedule.first?["cron"] as? String != nil)
        #expect(triggers.keys.contains("workflow_dispatch"), "it can be run by hand")
        let env = try #require(workflow["env"] as? [String: Any])
        #expect(env["TTHC_CATALOG"] as? String == "content/.dong-bo/csdl-quoc-gia.jsonl", "the export tthc fetch writes by default")
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let check = try #require(jobs["kiem-tra"] as? [String: Any])
        let steps = try #require(check["steps"] as? [[String: Any]])
        func index(_ command: String) -> Int? { steps.firstIndex { ($0["run"] as? String)?.contains(command) == true } }
        let order = try ["tthc fetch", "tthc sync --catalog", "tthc check --format github", "tthc build", "git push"]
            .map { try #require(index($0), "\($0)") }
        #expect(order == order.sorted(), "fetch, sync, check, build, commit: \(order)")
        let nightly = "env.HANG_DEM == 'true'"
        for command in ["tthc fetch", "tthc sync --catalog", "git push"] {
            #expect((steps[index(command) ?? 0]["if"] as? String)?.contains(nightly) == true, "\(command) only on the schedule or by hand")
        }
        #expect((steps[index("tthc sync --check") ?? 0]["if"] as? String)?.contains("env.HANG_DEM != 'true'") == true,
                "the drift check on pushes and pull requests, against the committed export")
        #expect(try #require(steps[index("tthc fetch") ?? 0]["run"] as? String).contains(#"[ "$status" = 1 ]"#),
                "details that failed (exit 1) do not stop the night's run; a refusal (exit 2) does")
        #expect((check["permissions"] as? [String: Any])?["contents"] as? String == "write", "it commits the records")
        let publish = try #require(jobs["dang-trang"] as? [String: Any])
        #expect((publish["if"] as? String)?.contains("needs.kiem-tra.outputs.trang == 'co'") == true, "published once built")
    }

    /// The fetch journal survives between runs in the Actions cache, so an interrupted night resumes.
    @Test func anInterruptedNightResumes() throws {
        let jobs = try #require(try Self.workflow()["jobs"] as? [String: Any])
        let steps = try #require((jobs["kiem-tra"] as? [String: Any])?["steps"] as? [[String: Any]])
        let uses = steps.compactMap { $0["uses"] as? String }
        #expect(uses.contains("actions/cache/restore@v4") && uses.contains("actions/cache/save@v4"))
        let save = try #require(steps.first { $0["uses"] as? String == "actions/cache/save@v4" })
        #expect((save["if"] as? String)?.hasPrefix("always()") == true, "saved when the fetch stopped too")
        #expect(((save["with"] as? [String: Any])?["path"] as? String)?.hasSuffix(".dang-tai") == true)
    }
}
