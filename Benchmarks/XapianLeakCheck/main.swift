// Exercises every wrapper type once, including failures, for valgrind --leak-check=full (scripts/leakcheck).
import Foundation
import Xapian

func run() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xapian-leakcheck-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("db").path

    let database = try WritableDatabase(path: path, action: .createOrOverwrite)
    let generator = try TermGenerator(language: "english")
    try generator.setStopWords(["the", "a", "of"])
    try generator.setSpellingDatabase(database)
    try generator.setCJKNGrams(true)
    for (index, text) in ["The Taiwan Strait and the Indo-Pacific", "Munitions of North Korea", "北约在印度太平洋"].enumerated() {
        let document = try Document()
        try generator.setDocument(document)
        try generator.indexText(text)
        try generator.indexText(text, prefix: "S")
        try generator.increaseTermPosition()
        try document.addBooleanTerm("Q\(index)")
        try document.addTerm("XEXTRA", wdf: 2)
        try document.addPosting("XPOS", at: 5)
        try document.setValue(Sortable.serialise(Double(index)), slot: 0)
        try document.setValue("2024010\(index)", slot: 1)
        try document.setData(Array(text.utf8))
        try database.replaceDocument(idTerm: "Q\(index)", with: document)
        _ = try document.terms()
        _ = try document.values()
    }
    try database.setMetadata("k", "v")
    try database.addSpelling("strait")
    try database.commit()
    try database.beginTransaction()
    try database.deleteDocuments(idTerm: "Q0")
    try database.cancelTransaction()
    _ = try database.transaction { () throws(XapianError) in try database.setMetadata("t", "1") }
    let scratch = try WritableDatabase.inMemory()
    try scratch.addDocument(try Document())

    let reader = try Database(path: path)
    let combined = try Database.combining([reader, try Database(path: path)])
    _ = try combined.documentCount()
    _ = try reader.metadata("k")
    _ = try reader.spellingSuggestion(for: "straot")
    _ = try reader.postings(for: "Q1")
    _ = try reader.allTerms(prefix: "S")
    _ = try reader.termFrequency("strait")
    _ = try reader.averageLength()
    _ = try reader.document(1).data()
    _ = try reader.reopen()

    let parser = try QueryParser(language: "english")
    try parser.setDatabase(reader)
    try parser.setStopWords(["the"])
    try parser.addPrefix("title", "S")
    try parser.addBooleanPrefix("id", "Q")
    try parser.addDateRange(slot: 1, field: "date:")
    try parser.addNumberRange(slot: 0, field: "n:")
    try parser.setDefaultOperator(.and)
    let query = try parser.parse("taiwn strait* title:munitions", features: [.standard, .wildcard, .spellingCorrection])
    _ = try parser.correctedQuery()
    _ = query.description
    let combinedQuery = try Query(.or, [query, try Query(term: "strait"), try Query.wildcard("mun"),
                                        try Query.valueRange(slot: 1, from: Array("2024".utf8), to: Array("2025".utf8))])
    let scaled = try combinedQuery.scaled(by: 2)

    let enquire = try Enquire(database: combined)
    try enquire.setQuery(scaled)
    try enquire.setBM25(k1: 1.2, b: 0.75)
    try enquire.setCollapseKey(slot: 1)
    try enquire.setTimeLimit(1)
    try enquire.sortByValue(slot: 0, descending: true)
    try enquire.sortByRelevance()
    let matches = try enquire.matches(limit: 10, checkAtLeast: 10)
    for index in matches.indices {
        _ = try matches.item(at: index)
        let text = String(decoding: try matches.document(at: index).data(), as: UTF8.self)
        _ = try matches.snippet(of: text, length: 80, highlight: ("<mark>", "</mark>"))
    }

    // Failures: each throws, and what the shim allocated for the error is freed.
    _ = try? Database(path: folder.appendingPathComponent("missing").path)
    _ = try? parser.parse("date:2024..nonsense")
    _ = try? reader.document(999)
    _ = try? TermGenerator(language: "klingon")
    _ = try? WritableDatabase(path: path)  // locked by `database`
    _ = try? Database.remote(host: "127.0.0.1", port: 1, timeout: 0.2, connectTimeout: 0.2)
    try database.close()
}

do {
    for _ in 0..<3 { try run() }
    print("leakcheck: every wrapper type exercised")
} catch {
    print("leakcheck failed: \(error)")
    exit(1)
}
