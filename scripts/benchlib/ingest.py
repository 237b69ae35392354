#!/usr/bin/env python3
"""Driver of scripts/bench.d/ingest: concord ingest and Xapian omindex on the same nested subsets.

Usage: ingest.py CORPUS OUT SIZES RUNS KEEP   (SIZES "10,50,150"; KEEP: the size whose indexes are kept as
       OUT/index-SIZE and OUT/omega-SIZE, or 0)
Environment: CONCORD (binary). Writes OUT/ingest-SIZES.json with every run; prints the table.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import time

corpus, out, sizes, runs, keep = sys.argv[1], sys.argv[2], [float(s) for s in sys.argv[3].split(",")], int(sys.argv[4]), float(sys.argv[5])
concord = os.environ["CONCORD"]
here = os.path.dirname(os.path.abspath(__file__))
work = os.path.join(out, "ingest-work")
os.makedirs(work, exist_ok=True)


def label(size):
    return f"{size:g}"


def du(path):
    return int(subprocess.run(["du", "-sb", path], check=True, capture_output=True, text=True).stdout.split()[0])


def timed(command, log):
    report = os.path.join(work, "time.txt")
    began = time.perf_counter()
    with open(log, "w") as handle:
        status = subprocess.run(["/usr/bin/time", "-v", "-o", report] + command, stdout=handle, stderr=subprocess.STDOUT).returncode
    wall = time.perf_counter() - began
    values = {}
    for line in open(report):
        key, _, value = line.strip().rpartition(": ")
        values[key] = value
    if status != 0:
        sys.exit(f"bench ingest: {' '.join(command)} exited {status}; see {log}")
    return {"seconds": wall, "rss_kib": int(values["Maximum resident set size (kbytes)"]),
            "cpu_seconds": float(values["User time (seconds)"]) + float(values["System time (seconds)"])}


def warm(directory):
    for root, _, files in os.walk(directory):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                while handle.read(1 << 20):
                    pass


def run_concord(directory, index, log):
    shutil.rmtree(index, ignore_errors=True)
    result = timed([concord, "ingest", directory, "--index", index, "--json"], log)
    lines = [l for l in open(log) if l.lstrip().startswith("{")]
    result["summary"] = json.loads(lines[-1]) if lines else None
    result["index_bytes"] = du(index)
    return result


def run_omindex(directory, db, log):
    shutil.rmtree(db, ignore_errors=True)
    result = timed(["omindex", "--db", db, "--url", "/", directory], log)
    result["index_bytes"] = du(db)
    stats = subprocess.run(["xapian-delve", db], capture_output=True, text=True).stdout
    result["documents"] = next((int(l.split()[-1]) for l in stats.splitlines() if l.startswith("number of documents")), None)
    return result


results = []
for size in sizes:
    directory = os.path.join(out, "subsets", label(size))
    files, nbytes = map(int, subprocess.run([sys.executable, os.path.join(here, "corpus.py"), "subset", corpus, directory, str(size)],
                                            check=True, capture_output=True, text=True).stdout.split())
    warm(directory)
    entry = {"size_mb": size, "files": files, "bytes": nbytes, "concord": [], "omindex": []}
    for run in range(runs):
        index, db = os.path.join(work, "concord-index"), os.path.join(work, "omega-db")
        order = ["concord", "omindex"] if run % 2 == 0 else ["omindex", "concord"]
        for who in order:
            if who == "concord":
                entry["concord"].append(run_concord(directory, index, os.path.join(work, f"concord-{label(size)}.log")))
            else:
                entry["omindex"].append(run_omindex(directory, db, os.path.join(work, f"omindex-{label(size)}.log")))
        if size == keep and run == runs - 1:
            for source, target in ((index, f"index-{label(size)}"), (db, f"omega-{label(size)}")):
                shutil.rmtree(os.path.join(out, target), ignore_errors=True)
                shutil.move(source, os.path.join(out, target))
    results.append(entry)
    # written after each size, so a long run that is stopped keeps what it measured
    with open(os.path.join(out, f"ingest-{'-'.join(label(s) for s in sizes)}.json"), "w") as handle:
        json.dump({"concord": concord, "runs": runs, "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "results": results}, handle, indent=1)

med = lambda rows, key: statistics.median(r[key] for r in rows)
print(f"ingest: {runs} run(s) per tool and size, alternating, medians; MB = 10^6 bytes of input files")
head = (f"{'size':>6} {'files':>6} | {'concord s':>9} {'MB/s':>6} {'cpu s':>6} {'RSS MiB':>7} {'index MB':>8} | "
        f"{'omindex s':>9} {'MB/s':>6} {'cpu s':>6} {'RSS MiB':>7} {'index MB':>8} | {'thru c/o':>8} {'s/MB c':>7} {'s/MB o':>7}")
print(head)
print("-" * len(head))
for e in results:
    mb = e["bytes"] / 1e6
    c, o = e["concord"], e["omindex"]
    cs, os_ = med(c, "seconds"), med(o, "seconds")
    print(f"{e['size_mb']:>6g} {e['files']:>6} | {cs:>9.2f} {mb/cs:>6.2f} {med(c,'cpu_seconds'):>6.1f} {max(r['rss_kib'] for r in c)/1024:>7.0f} "
          f"{c[-1]['index_bytes']/1e6:>8.1f} | {os_:>9.2f} {mb/os_:>6.2f} {med(o,'cpu_seconds'):>6.1f} {max(r['rss_kib'] for r in o)/1024:>7.0f} "
          f"{o[-1]['index_bytes']/1e6:>8.1f} | {os_/cs:>8.2f} {cs/mb:>7.3f} {os_/mb:>7.3f}")
print()
for e in results:
    s = e["concord"][-1].get("summary") or {}
    det = s.get("detection_seconds") or 0
    total = s.get("seconds") or 0
    print(f"{e['size_mb']:>6g} MB: concord added {s.get('added')} failed {s.get('failed')} passages {s.get('passages')} groups {s.get('groups')}, "
          f"duplicate detection {det:.1f} s of {total:.1f} s ({100 * det / max(1e-9, total - det):.0f}% on top of the rest); "
          f"omindex documents {e['omindex'][-1].get('documents')}")
    # The pipeline before detection (reading, preparing, writing in batches): its time and the most memory it
    # held, from the summary concord prints (peak RSS as getrusage has it, as GNU time's above).
    before = [(r.get("summary") or {}) for r in e["concord"]]
    if all("peak_rss_bytes_before_detection" in b for b in before):
        ingest_s = statistics.median((b.get("seconds") or 0) - (b.get("detection_seconds") or 0) for b in before)
        print(f"{'':>6}    concord before detection: {ingest_s:.2f} s, {e['bytes'] / 1e6 / ingest_s:.2f} MB/s "
              f"({med(e['omindex'], 'seconds') / ingest_s:.2f}x omindex's throughput), peak RSS "
              f"{max(b['peak_rss_bytes_before_detection'] for b in before) / 2**20:.0f} MiB "
              f"(whole run {max(b['peak_rss_bytes'] for b in before) / 2**20:.0f} MiB)")
    # What bounds concord's time from below: its one writer's Xapian calls (adding documents, committing) and
    # duplicate detection after them, which more cores preparing cannot shorten, and its CPU time over two cores.
    write = s.get("write_seconds")
    if write:
        allowed = med(e["omindex"], "seconds") / 1.5
        print(f"{'':>6}    concord's writer in Xapian {write:.1f} s ({100 * write / max(1e-9, total):.0f}% of its run); "
              f"1.5x omindex allows {allowed:.1f} s in all: the writer and detection take {write + det:.1f} s, "
              f"concord's CPU time over two cores {med(e['concord'], 'cpu_seconds') / 2:.1f} s")
first, last = results[0], results[-1]
if len(results) > 1:
    scale = (last["bytes"] / first["bytes"])
    for who in ("concord", "omindex"):
        growth = med(last[who], "seconds") / med(first[who], "seconds")
        print(f"linearity {who}: {scale:.1f}x input -> {growth:.1f}x time (1.0 = linear: {growth/scale:.2f})")
    def without_detection(entry):
        s = entry["concord"][-1].get("summary") or {}
        return (s.get("seconds") or 0) - (s.get("detection_seconds") or 0)
    if without_detection(first) > 0:
        growth = without_detection(last) / without_detection(first)
        print(f"linearity concord without duplicate detection: {scale:.1f}x input -> {growth:.1f}x time ({growth/scale:.2f}); "
              f"groups {((first['concord'][-1].get('summary') or {}).get('groups'))} -> {((last['concord'][-1].get('summary') or {}).get('groups'))}: "
              "a larger sample of the same packages holds disproportionately more copies of one another")
