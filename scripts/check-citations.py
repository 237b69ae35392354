#!/usr/bin/env python3
"""Checks concord's citation output against real consumers.

Reads the JSON file of rendered cases that the Swift test `CitationDumpTests` writes when
CONCORD_CITATION_DUMP names a path (or runs that test itself when no file is given), then:

- BibTeX: parses every entry with bibtexparser; checks key, entry type, title, authors, year and url;
- RIS: parses every record with rispy; checks type, title, authors and url;
- CSL-JSON: validates every item (and the citation-set arrays) against ../shared/csl/csl-data.json and
  renders it with citeproc-py in apa, chicago-author-date and modern-language-association, using
  ../shared/csl/locales-en-US.xml;
- prints concord's APA/Chicago/MLA reference beside citeproc-py's, with a similarity ratio.

Exits 1 when anything fails to parse or validate, or when citeproc-py cannot render an item. Differences in
punctuation between concord and citeproc-py are reported, not failed: see ../shared/csl/README.md.

Usage: scripts/check-citations.py [DUMP.json]
"""

import difflib
import importlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CSL = REPO / ".." / "shared" / "csl"
REQUIREMENTS = {"bibtexparser": "bibtexparser", "rispy": "rispy", "citeproc": "citeproc-py", "jsonschema": "jsonschema"}
STYLES = {"apa": "apa", "chicago": "chicago-author-date", "mla": "modern-language-association"}

failures = []


def fail(message):
    failures.append(message)
    print(f"  FAIL {message}")


def ensure_packages():
    missing = []
    for module, distribution in REQUIREMENTS.items():
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(distribution)
    if missing:
        print(f"installing {', '.join(missing)} with pip", file=sys.stderr)
        subprocess.check_call(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *missing],
        )
        importlib.invalidate_caches()


def produce_dump():
    """Runs the Swift test that renders the cases and returns the path of the dump."""
    handle, path = tempfile.mkstemp(prefix="concord-citations-", suffix=".json")
    os.close(handle)
    scratch = os.environ.get("CONCORD_SCRATCH_PATH", str(REPO / ".build"))
    env = dict(os.environ, CONCORD_CITATION_DUMP=path)
    subprocess.check_call(
        ["swift", "test", "--scratch-path", scratch, "--filter", "CitationDumpTests"], cwd=REPO, env=env,
        stdout=subprocess.DEVNULL,
    )
    return path


# ---------------------------------------------------------------- helpers


def clean(text):
    """What concord does to metadata strings: fold whitespace, drop blanks."""
    if text is None:
        return None
    folded = " ".join(str(text).split())
    return folded or None


def authors_of(metadata):
    names = []
    for name in metadata.get("author", []):
        literal = clean(name.get("literal"))
        family = clean(name.get("family"))
        given = clean(name.get("given"))
        if literal:
            names.append(literal)
        elif family:
            names.append(f"{family}, {given}" if given else family)
        elif given:
            names.append(given)
    return names


LATEX = {
    r"\textbackslash{}": "\\", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^",
    r"\&": "&", r"\%": "%", r"\$": "$", r"\#": "#", r"\_": "_", r"\{": "\x00", r"\}": "\x01",
}


def unlatex(value):
    """Undoes concord's escaping and capital protection, to compare with the metadata."""
    for escaped, plain in LATEX.items():
        value = value.replace(escaped, plain)
    value = value.replace("{", "").replace("}", "")
    return value.replace("\x00", "{").replace("\x01", "}")


def similarity(a, b):
    return difflib.SequenceMatcher(None, a, b).ratio()


# ---------------------------------------------------------------- BibTeX


def parse_bibtex(text):
    """Returns [(type, key, {field: value})] with bibtexparser 2 or 1, and a list of failures."""
    import bibtexparser

    if hasattr(bibtexparser, "parse_string"):
        library = bibtexparser.parse_string(text)
        problems = [f"failed block: {block.raw!r}" for block in library.failed_blocks]
        entries = [
            (entry.entry_type.lower(), entry.key, {f.key.lower(): str(f.value) for f in entry.fields})
            for entry in library.entries
        ]
        return entries, problems
    database = bibtexparser.loads(text)
    entries = [
        (e["ENTRYTYPE"].lower(), e["ID"], {k.lower(): v for k, v in e.items() if k not in ("ENTRYTYPE", "ID")})
        for e in database.entries
    ]
    return entries, []


def check_bibtex(case):
    name, metadata, text = case["name"], case["metadata"], case["rendered"]["bibtex"]
    entries, problems = parse_bibtex(text)
    for problem in problems:
        fail(f"{name}: bibtex {problem}")
    if len(entries) != 1:
        fail(f"{name}: bibtex parsed into {len(entries)} entries")
        return
    entry_type, key, fields = entries[0]
    if key != case["expected_key"]:
        fail(f"{name}: bibtex key {key!r}, expected {case['expected_key']!r}")
    if not re.fullmatch(r"[A-Za-z0-9]+", key):
        fail(f"{name}: bibtex key {key!r} is not plain ASCII")
    if entry_type != case["expected_bibtex_type"]:
        fail(f"{name}: bibtex type @{entry_type}, expected @{case['expected_bibtex_type']}")
    title = clean(metadata.get("title")) or clean(case.get("fallback_title"))
    if title and unlatex(fields.get("title", "")) != title:
        fail(f"{name}: bibtex title {fields.get('title')!r} does not read back as {title!r}")
    authors = authors_of(metadata)
    if authors:
        parsed = [unlatex(a.strip()) for a in fields.get("author", "").split(" and ")]
        if parsed != authors:
            fail(f"{name}: bibtex authors {parsed} != {authors}")
    elif "author" in fields:
        fail(f"{name}: bibtex has an author the metadata lacks")
    issued = metadata.get("issued", {}).get("date-parts", [[None]])[0][0]
    if issued and fields.get("year") != str(issued):
        fail(f"{name}: bibtex year {fields.get('year')!r}, expected {issued}")
    if not issued and ("year" in fields or "date" in fields):
        fail(f"{name}: bibtex invents a date")
    if metadata.get("URL") and fields.get("url") != metadata["URL"]:
        fail(f"{name}: bibtex url {fields.get('url')!r}")
    if "urldate" in fields:
        fail(f"{name}: bibtex invents urldate")
    for value in fields.values():
        if re.search(r"(?<!\\)[&%$#_](?![^{]*\})", value) and value != fields.get("url"):
            fail(f"{name}: bibtex value has an unescaped special character: {value!r}")


# ---------------------------------------------------------------- RIS


def check_ris(case):
    import rispy

    name, metadata, text = case["name"], case["metadata"], case["rendered"]["ris"]
    if not text.endswith("\r\n") or re.search(r"(?<!\r)\n", text):
        fail(f"{name}: ris lines do not all end in CRLF")
    try:
        records = rispy.loads(text)
    except Exception as error:  # rispy raises its own and ValueError
        fail(f"{name}: rispy cannot parse: {error}")
        return
    if len(records) != 1:
        fail(f"{name}: ris parsed into {len(records)} records")
        return
    record = records[0]
    if record.get("type_of_reference") != case["expected_ris_type"]:
        fail(f"{name}: ris TY {record.get('type_of_reference')!r}, expected {case['expected_ris_type']!r}")
    title = clean(metadata.get("title")) or clean(case.get("fallback_title"))
    if title and record.get("title") != title:
        fail(f"{name}: ris TI {record.get('title')!r}")
    if record.get("authors", []) != authors_of(metadata):
        fail(f"{name}: ris AU {record.get('authors')} != {authors_of(metadata)}")
    if metadata.get("URL") and record.get("urls") != [metadata["URL"]]:
        fail(f"{name}: ris UR {record.get('urls')}")


# ---------------------------------------------------------------- CSL-JSON


def csl_validator():
    import jsonschema

    schema = json.loads((CSL / "csl-data.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def check_csl(label, items, validator):
    errors = sorted(validator.iter_errors(items), key=lambda e: list(e.path))
    for error in errors:
        fail(f"{label}: csl-json schema: {'/'.join(map(str, error.path))}: {error.message}")
    return not errors


def citeproc_render(item, style_name):
    import citeproc.frontend
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    # citeproc-py looks locales up in its own data folder; concord checks against the shared en-US locale.
    citeproc.frontend.LOCALES_PATH = str(CSL)
    style = CitationStylesStyle(str(CSL / f"{style_name}.csl"), locale="en-US", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return " ".join(str(entry) for entry in bibliography.bibliography())


def compare(case, item):
    name = case["name"]
    for ours, style_name in STYLES.items():
        concord = case["rendered"][ours]
        try:
            theirs = citeproc_render(item, style_name)
        except Exception as error:
            fail(f"{name}: citeproc-py cannot render with {style_name}: {type(error).__name__}: {error}")
            continue
        ratio = similarity(concord, theirs)
        print(f"  {ours:<8} {ratio:4.2f}")
        print(f"    concord:  {concord}")
        print(f"    citeproc: {theirs}")


# ---------------------------------------------------------------- main


def main():
    ensure_packages()
    if len(sys.argv) > 1:
        dump = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    else:
        path = produce_dump()
        try:
            dump = json.loads(Path(path).read_text(encoding="utf-8"))
        finally:
            os.remove(path)
    validator = csl_validator()

    for case in dump["cases"]:
        print(f"== {case['name']}")
        check_bibtex(case)
        check_ris(case)
        try:
            item = json.loads(case["rendered"]["csl-json"])
        except json.JSONDecodeError as error:
            fail(f"{case['name']}: csl-json is not JSON: {error}")
            continue
        if item.get("type") != case["expected_csl_type"]:
            fail(f"{case['name']}: csl type {item.get('type')!r}, expected {case['expected_csl_type']!r}")
        if check_csl(case["name"], [item], validator):
            compare(case, item)

    for citation_set in dump["sets"]:
        name = citation_set["name"]
        print(f"== set {name}")
        rendered = citation_set["rendered"]
        entries, problems = parse_bibtex(rendered["bibtex"])
        for problem in problems:
            fail(f"{name}: bibtex {problem}")
        keys = [key for _, key, _ in entries]
        if len(keys) < 2 or len(set(keys)) != len(keys):
            fail(f"{name}: bibtex keys {keys}")
        republished = [fields for _, _, fields in entries if "origtitle" in fields]
        if not republished:
            fail(f"{name}: no bibtex entry names its original (origtitle)")
        import rispy

        try:
            records = rispy.loads(rendered["ris"])
            if len(records) != len(entries):
                fail(f"{name}: ris has {len(records)} records, bibtex {len(entries)} entries")
            if not any("original_publication" in r for r in records):
                fail(f"{name}: no ris record names its original (OP)")
        except Exception as error:
            fail(f"{name}: rispy cannot parse the set: {error}")
        try:
            items = json.loads(rendered["csl-json"])
        except json.JSONDecodeError as error:
            fail(f"{name}: csl-json set is not JSON: {error}")
            continue
        check_csl(f"set {name}", items, validator)
        if not any("original-title" in item for item in items):
            fail(f"{name}: no csl-json item carries original-title")
        print(f"  bibtex keys {keys}; {len(items)} csl items; {len(rendered['apa'].splitlines())} apa lines")
        for item in items:
            for style_name in STYLES.values():
                try:
                    citeproc_render(item, style_name)
                except Exception as error:
                    fail(f"{name}: citeproc-py cannot render {item['id']} with {style_name}: {error}")

    print()
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print(f"all {len(dump['cases'])} cases and {len(dump['sets'])} set(s) parse, validate and render")
    return 0


if __name__ == "__main__":
    sys.exit(main())
