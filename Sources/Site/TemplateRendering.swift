import Escaping

/// Renders compiled templates into bytes: values escaped for HTML by `HTML.escape` unless the tag
/// says otherwise, sections over lists and values, partials, and inherited blocks.
struct TemplateRendering {
    let library: [String: Template]
    private(set) var output: [UInt8] = []
    private var stack: [TemplateValue]
    /// Block overrides in effect: the outermost template's definition of a block wins.
    private var overrides: [String: [Template.Node]] = [:]
    private var depth = 0

    /// Partials may include themselves (a tree of lists); past this depth a theme is looping.
    static let maximumDepth = 64

    init(library: [String: Template], context: TemplateValue) {
        self.library = library
        stack = [context]
        output.reserveCapacity(32 << 10)
    }

    mutating func render(_ nodes: [Template.Node]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output += bytes
            case .value(let path, let escaped):
                switch lookup(path) {
                case .text(let text)?:
                    if escaped { HTML.escape(text, into: &output) } else { output += text.utf8 }
                case .flag(let flag)?:
                    output += Array((flag ? "true" : "false").utf8)
                default:
                    break
                }
            case .section(let path, let inverted, let body):
                let value = lookup(path)
                if inverted {
                    if value?.isFalsey ?? true { render(body) }
                    continue
                }
                switch value {
                case nil, .null?, .flag(false)?: break
                case .flag(true)?: render(body)
                case .list(let items)?:
                    for item in items {
                        stack.append(item)
                        render(body)
                        stack.removeLast()
                    }
                case let value?:
                    stack.append(value)
                    render(body)
                    stack.removeLast()
                }
            case .partial(let name, let indentation):
                include(name, indentation: indentation, overriding: [:])
            case .parent(let name, let indentation, let parentOverrides):
                include(name, indentation: indentation, overriding: parentOverrides)
            case .block(let name, let body):
                render(overrides[name] ?? body)
            }
        }
    }

    /// A partial or parent: only templates of the site's own library, by name (never a path).
    private mutating func include(_ name: String, indentation: [UInt8], overriding blocks: [String: [Template.Node]]) {
        guard let template = library[name], depth < Self.maximumDepth else { return }
        let saved = overrides
        overrides.merge(blocks) { outer, _ in outer }
        depth += 1
        if indentation.isEmpty {
            render(template.nodes)
        } else {
            let start = output.count
            render(template.nodes)
            indent(from: start, by: indentation)
        }
        depth -= 1
        overrides = saved
    }

    /// Puts `indentation` at the start of every line written since `start`.
    private mutating func indent(from start: Int, by indentation: [UInt8]) {
        var indented: [UInt8] = []
        var atLineStart = true
        for byte in output[start...] {
            if atLineStart { indented += indentation }
            indented.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        output.replaceSubrange(start..., with: indented)
    }

    /// `a.b`: `a` is searched from the innermost value outwards, `b` only inside it.
    private func lookup(_ path: [String]) -> TemplateValue? {
        guard let first = path.first else { return stack.last }
        var found: TemplateValue?
        for frame in stack.reversed() {
            if case .object(let members) = frame, let value = members.first(where: { $0.name == first })?.value {
                if case .null = value { continue }
                found = value
                break
            }
        }
        for name in path.dropFirst() {
            guard case .object(let members)? = found else { return nil }
            found = members.first { $0.name == name }?.value
        }
        return found
    }
}
