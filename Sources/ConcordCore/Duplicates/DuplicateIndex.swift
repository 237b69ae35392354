import ConcordText
import Crypto
import Foundation
internal import Xapian

/// Keeps duplicate groups in the index up to date as documents come and go.
///
/// Candidates come from the winnowed fingerprints stored on passages as boolean terms (`Prefix.fingerprint`),
/// so finding the copies of a document is an index lookup; fingerprints found in more than `boilerplateCap`
/// documents are boilerplate, not evidence of copying (passim's document-frequency cap). Candidate pairs are
/// aligned word by word (`Aligner`), the aligned spans are stored as links on both documents' records, and
/// the groups of every connected component the change touched are rebuilt: spans linked directly or through
/// overlapping spans of one document form a group, whose original is the member with the earliest `issued`
/// date, else the one ingested first.
struct DuplicateIndex {
    let database: WritableDatabase
    let minWords: Int
    /// Fingerprints in more documents than this are boilerplate.
    var boilerplateCap = 64
    private let tokenizer = WordTokenizer()
    private let fingerprinter = Fingerprinter()
    private let aligner: Aligner
    private var records: [String: DocumentRecord] = [:]
    /// Each record's links as loaded, so only records whose links changed are written back.
    private var original: [String: [DuplicateLink]] = [:]
    /// Records to write back.
    private var dirty = Set<String>()
    private var words: [String: [Word]] = [:]
    private var documentOfPassage: [UInt32: String] = [:]

    static let linkPrefix = Prefix.link
    static let memberPrefix = Prefix.member

    init(database: WritableDatabase, minWords: Int) {
        self.database = database
        self.minWords = max(2, minWords)
        var configuration = Aligner.Configuration()
        configuration.minWords = self.minWords
        aligner = Aligner(configuration: configuration)
    }

    /// Finds the links of `changed` documents afresh, drops links to `removed` ones, and rebuilds the groups of
    /// every component touched.
    mutating func update(changed: Set<String>, removed: Set<String>) throws {
        var touched = Set<String>()
        for id in removed.sorted() {
            for partner in try partners(of: id) where !removed.contains(partner) {
                guard var record = try record(partner) else { continue }
                record.links.removeAll { $0.other == id }
                records[partner] = record
                touched.insert(partner)
            }
            try deleteGroups(involving: id)
        }
        // Links between two changed documents are found once, when the first of them is processed.
        var processed = Set<String>()
        for id in changed.sorted() {
            guard var record = try record(id) else { continue }
            // Old links of this document, on both sides; those to documents processed in this run are new.
            for partner in try partners(of: id) where partner != id && !processed.contains(partner) {
                guard var other = try self.record(partner) else { continue }
                other.links.removeAll { $0.other == id }
                records[partner] = other
                touched.insert(partner)
            }
            record.links.removeAll { !processed.contains($0.other) }
            records[id] = record
            processed.insert(id)
            let mine = try words(of: id)
            // This document's n-grams are indexed once for all its candidates.
            let seedIndex = aligner.seedIndex(mine)
            for candidate in try candidates(of: id) where !processed.contains(candidate) {
                guard var other = try self.record(candidate) else { continue }
                let theirs = try words(of: candidate)
                for pair in aligner.align(mine, theirs, seeds: seedIndex.seeds(against: theirs)) {
                    let snapped = aligner.snappedToSentences(pair, mine, theirs)
                    let spans = Aligner.spans(of: snapped, mine, theirs)
                    record.links.append(DuplicateLink(span: spans.a, other: candidate, otherSpan: spans.b))
                    other.links.append(DuplicateLink(span: spans.b, other: id, otherSpan: spans.a))
                }
                records[id] = record
                records[candidate] = other
                touched.insert(candidate)
            }
            touched.insert(id)
        }
        for id in touched where records[id]?.links != original[id] { dirty.insert(id) }
        try rebuildGroups(around: touched)
        // Each record whose links or passage groups changed is written once (a record holds the whole text).
        for id in dirty.sorted() { try saveLinks(of: id) }
    }

    // MARK: - Candidates

    /// Documents sharing at least one non-boilerplate fingerprint with `id`.
    private mutating func candidates(of id: String) throws -> [String] {
        var shared: [String: Int] = [:]
        let terms = Set(fingerprinter.fingerprints(of: try words(of: id)).map { Prefix.fingerprint + $0.term })
        for term in terms {
            let postings = try database.postings(for: term)
            var documents = Set<String>()
            for docid in postings { documents.insert(try document(ofPassage: docid)) }
            documents.remove(id)
            guard documents.count + 1 <= boilerplateCap else { continue }
            for document in documents { shared[document, default: 0] += 1 }
        }
        return shared.keys.sorted()
    }

    private mutating func document(ofPassage docid: UInt32) throws -> String {
        if let known = documentOfPassage[docid] { return known }
        let document = try database.document(docid)
        var id = try document.stringValue(ValueSlot.documentID.rawValue)
        if id.isEmpty { id = try StoredJSON.decode(StoredPassage.self, from: try document.data()).passage.document }
        documentOfPassage[docid] = id
        return id
    }

    /// Documents whose records link to `id`.
    private func partners(of id: String) throws -> [String] {
        var result: [String] = []
        for docid in try database.postings(for: Self.linkPrefix + id) {
            result.append(try database.document(docid).stringValue(ValueSlot.documentID.rawValue))
        }
        return result
    }

    // MARK: - Records

    private mutating func record(_ id: String) throws -> DocumentRecord? {
        if let cached = records[id] { return cached }
        let record = try DocumentRecord.load(id, from: database)
        records[id] = record
        original[id] = record?.links
        return record
    }

    private mutating func words(of id: String) throws -> [Word] {
        if let cached = words[id] { return cached }
        guard let record = try record(id) else { return [] }
        let result = tokenizer.words(in: ScalarText(record.text), skipping: record.boilerplate)
        words[id] = result
        return result
    }

    private mutating func saveLinks(of id: String) throws {
        guard let record = records[id],
            let docid = try database.postings(for: Prefix.documentID + id).first
        else { return }
        let document = try database.document(docid)
        for term in try document.terms() where term.hasPrefix(Self.linkPrefix) { try document.removeTerm(term) }
        for partner in Set(record.links.map(\.other)) { try document.addBooleanTerm(Self.linkPrefix + partner) }
        try document.setData(try StoredJSON.encode(record))
        try database.replaceDocument(idTerm: Prefix.documentID + id, with: document)
    }

    // MARK: - Groups

    private struct SpanNode: Hashable {
        var document: String
        var span: TextSpan
    }

    /// Rebuilds the groups of the connected components (through links) holding `seeds`.
    private mutating func rebuildGroups(around seeds: Set<String>) throws {
        // The components: every document reachable through links.
        var component = Set<String>()
        var queue = Array(seeds)
        while let id = queue.popLast() {
            guard component.insert(id).inserted, let record = try record(id) else { continue }
            queue.append(contentsOf: record.links.map(\.other).filter { !component.contains($0) })
        }
        for id in component { try deleteGroups(involving: id) }

        // Union-find over linked spans; spans of one document that overlap are one node.
        var nodes: [SpanNode] = []
        var index: [SpanNode: Int] = [:]
        var parent: [Int] = []
        func node(_ value: SpanNode) -> Int {
            if let existing = index[value] { return existing }
            nodes.append(value)
            parent.append(parent.count)
            index[value] = nodes.count - 1
            return nodes.count - 1
        }
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        func union(_ a: Int, _ b: Int) {
            let (ra, rb) = (find(a), find(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        for id in component.sorted() {
            guard let record = try record(id) else { continue }
            for link in record.links where component.contains(link.other) {
                union(node(SpanNode(document: id, span: link.span)), node(SpanNode(document: link.other, span: link.otherSpan)))
            }
        }
        var byDocument: [String: [Int]] = [:]
        for (i, n) in nodes.enumerated() { byDocument[n.document, default: []].append(i) }
        for (_, members) in byDocument {
            let sorted = members.sorted { nodes[$0].span < nodes[$1].span }
            var reach = -1
            var previous = -1
            for i in sorted {
                if previous >= 0 && nodes[i].span.start < reach { union(previous, i) }
                if nodes[i].span.end > reach {
                    reach = nodes[i].span.end
                    previous = i
                }
            }
        }

        // Each set: one member per document (the union of its spans there, if they overlap).
        var sets: [Int: [SpanNode]] = [:]
        for i in nodes.indices { sets[find(i), default: []].append(nodes[i]) }
        var groupOfPassage: [String: [(group: String, overlap: Int)]] = [:]
        for (_, spans) in sets {
            var merged: [String: [TextSpan]] = [:]
            for span in spans { merged[span.document, default: []].append(span.span) }
            // Text shared by more documents than the boilerplate cap (a licence, a standard notice) is boilerplate,
            // as its fingerprints are: not a copy with an original, and no group.
            guard merged.count >= 2, merged.count <= boilerplateCap else { continue }
            var members: [GroupMember] = []
            for (documentID, documentSpans) in merged.sorted(by: { $0.key < $1.key }) {
                guard let record = try record(documentID) else { continue }
                for span in Self.mergeOverlapping(documentSpans) {
                    members.append(member(of: record, span: span))
                }
            }
            guard Set(members.map(\.document)).count >= 2 else { continue }
            let group = try makeGroup(members)
            try writeGroup(group)
            for member in group.members {
                guard let record = records[member.document] else { continue }
                for passage in record.passages {
                    let overlap = passage.span.overlap(with: member.span)
                    if overlap > 0 { groupOfPassage[passage.id, default: []].append((group.id, overlap)) }
                }
            }
        }

        // Passages of the component point at their group (the one they overlap most), or at none.
        for id in component.sorted() {
            guard var record = try record(id) else { continue }
            var changed = false
            for i in record.passages.indices {
                let best = groupOfPassage[record.passages[i].id]?.max { ($0.overlap, $1.group) < ($1.overlap, $0.group) }
                if record.passages[i].group != best?.group {
                    record.passages[i].group = best?.group
                    try setGroup(best?.group, on: record.passages[i])
                    changed = true
                }
            }
            if changed {
                records[id] = record
                dirty.insert(id)
            }
        }
    }

    static func mergeOverlapping(_ spans: [TextSpan]) -> [TextSpan] {
        var result: [TextSpan] = []
        for span in spans.sorted() {
            if let last = result.last, span.start < last.end {
                result[result.count - 1] = last.union(span)
            } else {
                result.append(span)
            }
        }
        return result
    }

    private func member(of record: DocumentRecord, span: TextSpan) -> GroupMember {
        let text = ScalarText(record.text)
        let lines = LineIndex(text).lines(of: span)
        let passage = record.passages.max { $0.span.overlap(with: span) < $1.span.overlap(with: span) }
        return GroupMember(
            passage: passage?.id ?? "", document: record.id, span: span, lines: lines, text: text[span], original: false)
    }

    private mutating func makeGroup(_ members: [GroupMember]) throws -> DuplicateGroup {
        // The original: earliest issued date, else first ingested.
        func rank(_ member: GroupMember) -> (Int, Int, Int) {
            let rank = records[member.document]?.originalRank ?? (issued: Int.max, sequence: Int.max)
            return (rank.issued, rank.sequence, member.span.start)
        }
        var ordered = members.sorted { rank($0) < rank($1) }
        ordered[0].original = true
        let rest = ordered.dropFirst().sorted { (records[$0.document]?.sequence ?? 0, $0.span) < (records[$1.document]?.sequence ?? 0, $1.span) }
        ordered = [ordered[0]] + rest
        var hasher = SHA256()
        for member in members.sorted(by: { ($0.document, $0.span) < ($1.document, $1.span) }) {
            hasher.update(data: Data("\(member.document):\(member.span.start):\(member.span.end);".utf8))
        }
        let id = "g" + hasher.finalize().prefix(6).map { String(format: "%02x", $0) }.joined()
        var shortest = Int.max
        for member in ordered {
            let count = try words(of: member.document).filter { member.span.overlap(with: $0.span) > 0 }.count
            shortest = min(shortest, count)
        }
        return DuplicateGroup(id: id, members: ordered, original: ordered[0].document, words: shortest)
    }

    private func writeGroup(_ group: DuplicateGroup) throws {
        let document = try Document()
        try document.addBooleanTerm(Prefix.groupID + group.id)
        try document.addBooleanTerm(RecordKind.group.term)
        for member in Set(group.members.map(\.document)) { try document.addBooleanTerm(Self.memberPrefix + member) }
        try document.setData(try StoredJSON.encode(group))
        try database.replaceDocument(idTerm: Prefix.groupID + group.id, with: document)
    }

    private func deleteGroups(involving id: String) throws {
        try database.deleteDocuments(idTerm: Self.memberPrefix + id)
    }

    private func setGroup(_ group: String?, on passage: Passage) throws {
        let idTerm = Prefix.passageID + passage.id
        guard let docid = try database.postings(for: idTerm).first else { return }
        let document = try database.document(docid)
        var stored = try StoredJSON.decode(StoredPassage.self, from: try document.data())
        stored.passage.group = group
        for term in try document.terms() where term.hasPrefix(Prefix.group) { try document.removeTerm(term) }
        if let group {
            try document.setValue(group, slot: ValueSlot.group.rawValue)
            try document.addBooleanTerm(Prefix.group + group)
        } else {
            try document.setValue([UInt8](), slot: ValueSlot.group.rawValue)
        }
        try document.setData(StoredJSON.encode(stored))
        try database.replaceDocument(idTerm: idTerm, with: document)
    }
}
