// Runs a fixed mix of queries in-process through ConcordService (the same core `concord serve` uses), on
// several threads for a while, and prints the rate; scripts/bench http compares the HTTP rate with it.
//
// Usage: concord-query-bench INDEX QUERIES SECONDS THREADS
import ConcordCore
import Dispatch
import Foundation
import Synchronization

let arguments = CommandLine.arguments
guard arguments.count == 5, let seconds = Double(arguments[3]), let threads = Int(arguments[4]), threads > 0 else {
    print("usage: concord-query-bench INDEX QUERIES SECONDS THREADS")
    exit(2)
}
do {
    let service = try ConcordService(indexPath: arguments[1])
    let queries = try String(contentsOfFile: arguments[2], encoding: .utf8)
        .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    let requests = try queries.map { try SearchRequest(query: $0, limit: 10) }
    let completed = Atomic<Int>(0)
    let failures = Atomic<Int>(0)
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    let start = ContinuousClock.now
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
        var index = thread
        while ContinuousClock.now < deadline {
            do {
                let results = try service.search(requests[index % requests.count])
                _ = results.json
                completed.add(1, ordering: .relaxed)
            } catch {
                failures.add(1, ordering: .relaxed)
            }
            index += threads
        }
    }
    let elapsed = ContinuousClock.now - start
    let total = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let count = completed.load(ordering: .relaxed)
    print(String(format: "queries %d failures %d seconds %.2f rate %.1f", count, failures.load(ordering: .relaxed), total, Double(count) / total))
} catch {
    print("concord-query-bench: \(error)")
    exit(1)
}
