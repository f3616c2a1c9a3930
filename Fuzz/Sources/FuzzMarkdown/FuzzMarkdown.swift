import FuzzSupport
import Markdown

/// Any text as a record's Markdown: rendering must not crash, and whatever the text, the HTML
/// must hold nothing a browser would run (the property the site's safety rests on); every link,
/// heading and piece of raw HTML it finds is inside the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let rendered = MarkdownRenderer.render(text, anchor: { _ in "h" }, rewriteLink: { "/" + $0 })
    if let danger = ExecutableHTML.find(in: rendered.html) {
        fatalError("rendered HTML runs script: \(danger)")
    }
    // What the checks report must point inside the text, and be the renderer's own reading.
    if let outside = rendered.outline.positionOutside(text) {
        fatalError("outline position \(outside) is outside the text")
    }
    if rendered.outline != MarkdownOutline(text) {
        fatalError("the outline of a parse alone differs from the renderer's")
    }
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: it hands over to libFuzzer's driver.
@_cdecl("FuzzMarkdown_main")
public func FuzzMarkdownMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc, argv = argv
    return runFuzzer(&argc, &argv) { data, size in fuzzMarkdown(data ?? UnsafePointer(bitPattern: 1)!, size) }
}

