/// The fields ``JSONRecordParser`` reads from each record, named by dotted paths and prepared once
/// as a tree of keys to match.
///
/// A name is looked up first as a top-level key, exactly, so a key that itself holds dots
/// (`{"a.b": …}`) is found by its name. Only if the record has no such key, and the name holds dots,
/// does each dot separate the keys of nested objects: `meta.text` is the `text` member of the object
/// under `meta`. A `null` on the way makes the field absent; any other non-object on the way
/// (a string, a number, an array) makes the record invalid.
///
/// Keys are compared as `JSONSerialization`'s dictionary did: as Swift strings, by canonical
/// equivalence, with a byte comparison first.
struct FieldPaths: Sendable {
    /// A key as read from the line: its bytes when it has no escapes, otherwise decoded.
    enum Key {
        /// A key without escapes: its UTF-8 bytes, and whether they are all ASCII.
        case bytes(UnsafeRawBufferPointer, isASCII: Bool)
        /// A key with escapes, decoded (rare, so allocating is fine).
        case decoded(String)

        /// Reads the key `token` locates in `scanner`'s line.
        /// - Throws: Never for a token the scanner returned.
        init(_ token: JSONStringToken, in scanner: JSONScanner) throws(JSONSyntaxError) {
            guard !token.hasEscapes else {
                self = .decoded(try scanner.string(token))
                return
            }
            // Safety: the scanner made token, so start..<end lies within its line.
            let bytes = UnsafeRawBufferPointer(rebasing: scanner.bytes[token.start..<token.end])
            self = .bytes(bytes, isASCII: bytes.allSatisfy { $0 < 0x80 })
        }
    }

    /// One key of the tree: a member to read in the object its parent stands for.
    struct Node: Sendable {
        /// The member's key.
        let key: String
        /// Whether ``key`` is ASCII; an ASCII key read can then only equal it byte for byte.
        let keyIsASCII: Bool
        /// The dotted path from the record to this member, for messages.
        let path: String
        /// The slots that receive this member's value.
        var slots: [Int] = []
        /// The nodes of the members read inside this member's object.
        var children: [Int] = []
        /// The slots of every node below this one, reset when this member is read again.
        var slotsBelow: [Int] = []
    }

    /// The names, in the order values are returned.
    let names: [String]
    /// The tree; node 0 stands for the record and has no key.
    let nodes: [Node]
    /// For each name, the slot its exact top-level key fills, then, for a dotted name, the slot
    /// its nested path fills.
    let slots: [(exact: Int, nested: Int?)]
    /// How many slots the tree fills.
    let slotCount: Int

    /// Prepares `names` for matching against keys.
    init(_ names: [String]) {
        self.names = names
        var nodes = [Node(key: "", keyIsASCII: true, path: "")]
        var slots: [(exact: Int, nested: Int?)] = []
        var slotCount = 0
        func child(of parent: Int, key: String) -> Int {
            if let found = nodes[parent].children.first(where: { nodes[$0].key == key }) { return found }
            let path = parent == 0 ? key : nodes[parent].path + "." + key
            nodes.append(Node(key: key, keyIsASCII: key.utf8.allSatisfy { $0 < 0x80 }, path: path))
            nodes[parent].children.append(nodes.count - 1)
            return nodes.count - 1
        }
        func addSlot(at path: [String]) -> Int {
            let slot = slotCount
            slotCount += 1
            var node = 0
            for key in path {
                if node != 0 { nodes[node].slotsBelow.append(slot) }
                node = child(of: node, key: key)
            }
            nodes[node].slots.append(slot)
            return slot
        }
        for name in names {
            let exact = addSlot(at: [name])
            let keys = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            slots.append((exact, keys.count > 1 ? addSlot(at: keys) : nil))
        }
        self.nodes = nodes
        self.slots = slots
        self.slotCount = slotCount
    }

    /// The child of `parent` whose key is `key`, if any.
    func child(of parent: Int, matching key: Key) -> Int? {
        nodes[parent].children.first { nodes[$0].matches(key) }
    }
}

extension FieldPaths.Node {
    /// Whether `key` is this node's key; byte comparison first, `String` equality only when
    /// non-ASCII text could make different bytes equal.
    func matches(_ read: FieldPaths.Key) -> Bool {
        switch read {
        case .decoded(let text):
            return key == text
        case .bytes(let bytes, let isASCII):
            if key.utf8.count == bytes.count, key.utf8.elementsEqual(bytes) { return true }
            return !(isASCII && keyIsASCII) && key == String(decoding: bytes, as: UTF8.self)
        }
    }
}
