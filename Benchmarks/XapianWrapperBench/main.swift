// Times indexing and querying through the Swift wrapper; Benchmarks/cpp/xapian_bench.cpp does the same work
// in C++ directly against libxapian, and scripts/bench xapian runs both in one go.
//
// Usage: xapian-wrapper-bench DOCS QUERIES DBPATH ROUNDS
//   DOCS: one document per line; QUERIES: one query per line. Prints "index <seconds>" and "query <seconds>".
import Foundation
import Xapian

func lines(_ path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}

func main() throws {
    let arguments = CommandLine.arguments
    guard arguments.count == 5, let rounds = Int(arguments[4]) else {
        print("usage: xapian-wrapper-bench DOCS QUERIES DBPATH ROUNDS")
        exit(2)
    }
    let documents = try lines(arguments[1])
    let queries = try lines(arguments[2])
    let path = arguments[3]

    let indexStart = ContinuousClock.now
    let database = try WritableDatabase(path: path, action: .createOrOverwrite)
    let generator = try TermGenerator(language: "english")
    for (index, text) in documents.enumerated() {
        let document = try Document()
        try generator.setDocument(document)
        try generator.indexText(text)
        let idTerm = "Q\(index)"
        try document.addBooleanTerm(idTerm)
        try document.setData(Array(text.utf8))
        try database.replaceDocument(idTerm: idTerm, with: document)
    }
    try database.commit()
    try database.close()
    let indexTime = ContinuousClock.now - indexStart

    let queryStart = ContinuousClock.now
    let reader = try Database(path: path)
    let parser = try QueryParser(language: "english")
    try parser.setDatabase(reader)
    var checksum = 0.0
    for _ in 0..<rounds {
        for text in queries {
            let enquire = try Enquire(database: reader)
            try enquire.setQuery(try parser.parse(text))
            let matches = try enquire.matches(limit: 10)
            for index in matches.indices {
                checksum += try matches.item(at: index).weight
                let data = String(decoding: try matches.document(at: index).data(), as: UTF8.self)
                checksum += Double(try matches.snippet(of: data, length: 200).utf8.count)
            }
        }
    }
    let queryTime = ContinuousClock.now - queryStart
    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    print("index \(seconds(indexTime))")
    print("query \(seconds(queryTime))")
    print("checksum \(Int(checksum))")
}

do { try main() } catch {
    print("xapian-wrapper-bench: \(error)")
    exit(1)
}
