import Foundation
@testable import Records
import Testing

/// The block scanner reads tthc's own YAML without libyaml; whatever it accepts must come out as
/// libyaml reads it (values, styles, positions, duplicate keys, depth), and anything else must be
/// left to libyaml.
@Suite struct BlockYAMLTests {
    /// The front matter of every demo record: all in the canonical form, all read by the scanner,
    /// every tree equal to libyaml's.
    @Test func everyDemoRecordIsReadAsLibyamlReadsIt() throws {
        let folder = Repository.root.appendingPathComponent("content/thu-tuc")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(names.count > 50)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let yaml = try FrontMatterSplit(text).yaml
            #expect(YAMLReaders.scannerReads(yaml), "\(name) is in tthc's form but left to libyaml")
            #expect(YAMLReaders.scannerAgreesWithLibyaml(yaml), "\(name) read differently")
        }
    }

    /// Each shape the scanner reads, next to what it leaves to libyaml.
    @Test(arguments: [
        ("a: 1\nb: \"x: y # z\"\nc: |\n  line one\n\n    indented\n  last\n\nd: |-\n  kept\ne: null\n", true),
        ("list:\n  - one\n  - k: v\n    l:\n      - \"q\"\n  - |\n    block\n", true),
        ("a: 1\na: 2\nb:\n  - x: 1\n    x: 2\n", true),
        ("ten: Thủ tục đăng ký khai sinh\nma: ĐT1\n", true),
        ("a: []\nb: {}\nc:\n  - []\n", true),
        ("a: [ ]\n", false),
        ("a: 1 # comment\n", false),
        ("a:\n- b\n", false),
        ("a: [1, 2]\n", false),
        ("a: &x 1\nb: *x\n", false),
        ("a: 'single'\n", false),
        ("a: \"esc\\\"aped \\\\ \\t\\n \\u00E9 \\u0085\"\n", true),
        ("a: \"\\x41 \\/\"\n", false),
        ("a: \"open\n  more\"\n", false),
        ("a: text\n  continued\n", false),
        ("a:\nb: 1\n", false),
        ("a: >\n  folded\n", false),
        ("a: |+\n  kept\n\n", false),
        ("a:\ttab\n", false),
        ("a: 1\r\nb: 2\r\n", false),
        ("a:  two spaces\n", false),
        ("- top\n- list\n", true),
        ("", false),
    ])
    func shapes(yaml: String, read: Bool) {
        #expect(YAMLReaders.scannerReads(yaml) == read)
        #expect(YAMLReaders.scannerAgreesWithLibyaml(yaml))
    }

    /// Nested deeper than the limit: reported at the same value by both readers.
    @Test func depthIsReportedWhereLibyamlReportsIt() {
        var yaml = ""
        for level in 0..<30 { yaml += String(repeating: " ", count: 2 * level) + "k\(level):\n" }
        yaml += String(repeating: " ", count: 60) + "x: 1\n"
        #expect(YAMLReaders.scannerReads(yaml))
        #expect(YAMLReaders.scannerAgreesWithLibyaml(yaml))
    }
}
