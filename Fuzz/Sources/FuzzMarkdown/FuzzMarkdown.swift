import FuzzSupport
import Markdown

/// Any text as a record's Markdown: rendering must not crash, and whatever the text, the HTML
/// must hold nothing a browser would run (the property the site's safety rests on).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let html = MarkdownRenderer.render(text, anchor: { _ in "h" }, rewriteLink: { "/" + $0 }).html
    if let danger = ExecutableHTML.find(in: html) {
        fatalError("rendered HTML runs script: \(danger)")
    }
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: it hands over to libFuzzer's driver.
@_cdecl("FuzzMarkdown_main")
public func FuzzMarkdownMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc, argv = argv
    return runFuzzer(&argc, &argv) { data, size in fuzzMarkdown(data ?? UnsafePointer(bitPattern: 1)!, size) }
}

