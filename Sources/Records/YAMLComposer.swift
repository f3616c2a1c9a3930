/// Builds a `YAMLNode` tree from YAML's events (a scalar, a collection begun or ended, an alias),
/// whoever reads the text: libyaml (`YAMLReader`) or the scanner of tthc's own block form
/// (`BlockYAMLScanner`). Its own stack, no recursion, however deep the text nests.
struct YAMLComposer {
    let maximumDepth: Int
    var root: YAMLNode?
    /// Keys written twice in one mapping, at their second occurrence: the first value is kept.
    var duplicates: [(key: String, mark: YAMLMark)] = []
    /// The first value nested deeper than `maximumDepth`, aliases included; nothing is added after it.
    var tooDeep: YAMLMark?
    /// Set by the block scanner when a plain value starts with what may be Word's quote or ends
    /// with a quote (`PasteMistakes` then looks at the values; otherwise it need not).
    var plainValueMayMislead = false
    /// Anchored values with their height (how many levels nest inside them).
    private var anchors: [String: (node: YAMLNode, height: Int)] = [:]
    private var stack: [Open] = []

    init(maximumDepth: Int) { self.maximumDepth = maximumDepth }

    /// What was read: no tree when a value was too deep (reading stopped there).
    var result: YAMLReader.Result {
        YAMLReader.Result(root: tooDeep == nil ? root : nil, duplicates: duplicates, tooDeep: tooDeep,
                          plainValueMayMislead: plainValueMayMislead)
    }

    private struct Open {
        var mark: YAMLMark
        var anchor: String?
        var isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var key: YAMLNode?
        /// The keys so far, as NFC (how the validator reads them), to find one written twice.
        var keyNames: [String] = []
        var height = 1
        /// The value after a key written twice is read, then dropped.
        var skippingValue = false
    }

    /// A value's depth is the number of collections open around it.
    private mutating func tooDeep(at mark: YAMLMark, height: Int = 0) -> Bool {
        guard tooDeep == nil else { return true }
        if stack.count + height > maximumDepth {
            tooDeep = mark
            return true
        }
        return false
    }

    mutating func scalar(_ value: String, plain: Bool, anchor: String? = nil, at mark: YAMLMark) {
        guard !tooDeep(at: mark) else { return }
        let node = YAMLNode.scalar(.init(string: value, plain: plain, mark: mark))
        if let anchor { anchors[anchor] = (node, 0) }
        add(node, height: 0)
    }

    mutating func begin(mapping: Bool, anchor: String? = nil, at mark: YAMLMark) {
        guard !tooDeep(at: mark) else { return }
        stack.append(Open(mark: mark, anchor: anchor, isMapping: mapping))
    }

    mutating func end() {
        guard tooDeep == nil, let open = stack.popLast() else { return }
        let node = open.isMapping ? YAMLNode.mapping(open.pairs, open.mark) : YAMLNode.sequence(open.items, open.mark)
        if let anchor = open.anchor { anchors[anchor] = (node, open.height) }
        add(node, height: open.height)
    }

    /// The anchored value itself, shared, not copied: a "billion laughs" costs no memory here, and
    /// the validator's count of values stops it. False when no such anchor was set.
    mutating func alias(_ name: String, at mark: YAMLMark) -> Bool {
        guard let anchored = anchors[name] else { return false }
        guard !tooDeep(at: mark, height: anchored.height) else { return true }
        add(anchored.node, height: anchored.height)
        return true
    }

    private mutating func add(_ node: YAMLNode, height: Int) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        // The innermost collection is changed where it lies in the stack, never copied out.
        let top = stack.count - 1
        stack[top].height = max(stack[top].height, height + 1)
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        guard let key = stack[top].key else {
            // A key: compared as NFC, since the validator reads keys that way, with the keys
            // before it (a record's mappings hold a few to thirty keys: a scan beats hashing).
            if case .scalar(let scalar) = node {
                let name = scalar.string.nfc
                if stack[top].keyNames.contains(name) {
                    duplicates.append((scalar.string, scalar.mark))
                    stack[top].skippingValue = true
                } else {
                    stack[top].keyNames.append(name)
                }
            }
            stack[top].key = node
            return
        }
        if !stack[top].skippingValue { stack[top].pairs.append((key, node)) }
        stack[top].key = nil
        stack[top].skippingValue = false
    }
}
