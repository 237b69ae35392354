/// The OpenAPI 3.0 description of the server, compiled into the binary (`GET /openapi.json`).
///
/// Kept by hand beside the controllers: a route, parameter or field that changes there changes here too. The tests
/// check that it parses and names every route; `scripts/check-server` validates it and runs schemathesis against a
/// live server with it.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.0.3",
          "info": {
            "title": "concord",
            "version": "1.0.0",
            "description": "Full-text search over passages, duplicate passages across sources, and citations with DOI-style content negotiation. Read-only. Every error is {\"error\": {\"code\", \"message\"}}: 4xx for anything the client sent wrong, 5xx only for a fault of the server. Every route also answers HEAD; any other method on a known path is 405 with an Allow header. A request URI over 8192 bytes is 414."
          },
          "servers": [{ "url": "/" }],
          "paths": {
            "/health": {
              "get": {
                "operationId": "health",
                "summary": "The server is up and its index readable.",
                "responses": {
                  "200": {
                    "description": "Counts of the index.",
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Health" } } }
                  },
                  "503": { "$ref": "#/components/responses/Unavailable" }
                }
              }
            },
            "/search": {
              "get": {
                "operationId": "search",
                "summary": "Ranked passages matching a query: documents by BM25 over their whole text (a title's words count twice more), then their passages (at most 3 a document when several match); copies of a passage folded into one hit; all=true shows every passage and copy.",
                "parameters": [
                  {
                    "name": "q", "in": "query", "required": true,
                    "description": "A query in Xapian's syntax: words, \"phrases\", AND OR NOT, +must -mustnot, word*, title: author: source: doc: prefixes, date:YYYY-MM-DD..YYYY-MM-DD (or by year or month, date:2020..2021-06; either end may be left out). At most 1024 characters, not blank.",
                    "schema": { "type": "string", "minLength": 1, "maxLength": 1024, "pattern": "\\S" }, "example": "Taiwan Strait"
                  },
                  {
                    "name": "limit", "in": "query", "description": "Hits to return.",
                    "schema": { "type": "integer", "minimum": 1, "maximum": 1000, "default": 10 }
                  },
                  {
                    "name": "offset", "in": "query", "description": "Hits to skip.",
                    "schema": { "type": "integer", "minimum": 0, "maximum": 100000, "default": 0 }
                  },
                  { "$ref": "#/components/parameters/All" }
                ],
                "responses": {
                  "200": {
                    "description": "The hits, best first (total is Xapian's estimate of the matching documents).",
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SearchResults" } } }
                  },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "414": { "$ref": "#/components/responses/URITooLong" },
                  "503": { "$ref": "#/components/responses/Unavailable" }
                }
              }
            },
            "/documents/{id}": {
              "get": {
                "operationId": "document",
                "summary": "A document's metadata and passages.",
                "parameters": [{ "$ref": "#/components/parameters/DocumentID" }],
                "responses": {
                  "200": {
                    "description": "The document.",
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Document" } } }
                  },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" },
                  "414": { "$ref": "#/components/responses/URITooLong" },
                  "503": { "$ref": "#/components/responses/Unavailable" }
                }
              }
            },
            "/documents/{id}/text": {
              "get": {
                "operationId": "documentText",
                "summary": "A document's text as extracted: what every span's offsets (Unicode scalars) index.",
                "parameters": [{ "$ref": "#/components/parameters/DocumentID" }],
                "responses": {
                  "200": {
                    "description": "The text, UTF-8.",
                    "content": { "text/plain": { "schema": { "type": "string" } } }
                  },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" },
                  "414": { "$ref": "#/components/responses/URITooLong" },
                  "503": { "$ref": "#/components/responses/Unavailable" }
                }
              }
            },
            "/passages/{id}": {
              "get": {
                "operationId": "passage",
                "summary": "One passage: its span, lines, text, headings and duplicate group.",
                "parameters": [{ "$ref": "#/components/parameters/PassageID" }],
                "responses": {
                  "200": {
                    "description": "The passage.",
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Passage" } } }
                  },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" },
                  "414": { "$ref": "#/components/responses/URITooLong" },
                  "503": { "$ref": "#/components/responses/Unavailable" }
                }
              }
            },
            "/passages/{id}/cite": {
              "get": {
                "operationId": "citePassage",
                "summary": "The citations of a passage's text: its source and the other members of its duplicate group, original first.",
                "description": "The representation is chosen by format= or else by the Accept header (q-values honoured): application/json (default), application/vnd.citationstyles.csl+json, application/x-bibtex, application/x-research-info-systems, text/x-bibliography; style=apa|chicago-author-date|modern-language-association. An Accept header nothing satisfies is 406.",
                "parameters": [{ "$ref": "#/components/parameters/PassageID" }, { "$ref": "#/components/parameters/Format" }],
                "responses": {
                  "200": { "$ref": "#/components/responses/Citations" },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" },
                  "406": { "$ref": "#/components/responses/NotAcceptable" },
                  "414": { "$ref": "#/components/responses/URITooLong" },
                  "503": { "$ref": "#/components/responses/Unavailable" }
                }
              }
            },
            "/cite": {
              "get": {
                "operationId": "cite",
                "summary": "Where a quote comes from: one citation per source holding it (exactly or lightly edited), original first.",
                "description": "The representation is chosen as for /passages/{id}/cite. 404 when no indexed passage holds the quote.",
                "parameters": [
                  {
                    "name": "q", "in": "query", "required": true, "description": "The quote: at most 4000 characters, not blank.",
                    "schema": { "type": "string", "minLength": 1, "maxLength": 4000, "pattern": "\\S" },
                    "example": "the alliance is beginning to explore a larger role in the Indo-Pacific"
                  },
                  { "$ref": "#/components/parameters/Format" }
                ],
                "responses": {
                  "200": { "$ref": "#/components/responses/Citations" },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" },
                  "406": { "$ref": "#/components/responses/NotAcceptable" },
                  "414": { "$ref": "#/components/responses/URITooLong" },
                  "503": { "$ref": "#/components/responses/Unavailable" }
                }
              }
            },
            "/duplicates": {
              "get": {
                "operationId": "duplicates",
                "summary": "The duplicate groups: sets of spans in two or more documents that copy one another, original first.",
                "parameters": [
                  {
                    "name": "document", "in": "query", "description": "Only groups with a member in this document (404 if unknown).",
                    "schema": { "type": "string", "minLength": 1, "pattern": "\\S" }, "example": "001-3ca5689c933b425c-txt"
                  },
                  {
                    "name": "min_words", "in": "query", "description": "Only groups whose shortest member has at least this many words.",
                    "schema": { "type": "integer", "format": "int64", "minimum": 1 }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The groups.",
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/DuplicateList" } } }
                  },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" },
                  "414": { "$ref": "#/components/responses/URITooLong" },
                  "503": { "$ref": "#/components/responses/Unavailable" }
                }
              }
            },
            "/openapi.json": {
              "get": {
                "operationId": "openapi",
                "summary": "This document.",
                "responses": {
                  "200": { "description": "OpenAPI 3.0.", "content": { "application/json": { "schema": { "type": "object" } } } },
                  "414": { "$ref": "#/components/responses/URITooLong" }
                }
              }
            },
            "/": {
              "get": {
                "operationId": "page",
                "summary": "A search page over this API; ?q= runs a search on load.",
                "responses": {
                  "200": { "description": "The page: HTML with inline CSS and JavaScript.", "content": { "text/html": { "schema": { "type": "string" } } } },
                  "414": { "$ref": "#/components/responses/URITooLong" }
                }
              }
            }
          },
          "components": {
            "parameters": {
              "DocumentID": {
                "name": "id", "in": "path", "required": true, "description": "A document id (a slug of its path).",
                "schema": { "type": "string", "minLength": 1 }, "example": "000-75fd1b966845eedf-txt"
              },
              "PassageID": {
                "name": "id", "in": "path", "required": true, "description": "A passage id: its document's id, '.p' and its ordinal.",
                "schema": { "type": "string", "minLength": 1 }, "example": "000-75fd1b966845eedf-txt.p12"
              },
              "All": {
                "name": "all", "in": "query", "description": "Show every copy of a passage as its own hit, and every matching passage of each document (true/false, 1/0, yes/no).",
                "schema": { "type": "string", "enum": ["true", "false", "1", "0", "yes", "no"], "default": "false" }
              },
              "Format": {
                "name": "format", "in": "query",
                "description": "The citation format; wins over Accept. Also accepted: the aliases chicago-author-date, modern-language-association, csljson, and a media type as Accept would name it.",
                "schema": { "type": "string", "enum": ["json", "apa", "chicago", "mla", "bibtex", "ris", "csl-json"] }
              }
            },
            "responses": {
              "Citations": {
                "description": "The citations: a JSON citation set by default, or the references alone in the negotiated format.",
                "headers": { "Vary": { "schema": { "type": "string" } } },
                "content": {
                  "application/json": { "schema": { "$ref": "#/components/schemas/CitationSet" } },
                  "application/vnd.citationstyles.csl+json": { "schema": { "type": "array", "items": { "type": "object" } } },
                  "application/x-bibtex": { "schema": { "type": "string" } },
                  "application/x-research-info-systems": { "schema": { "type": "string" } },
                  "text/x-bibliography": { "schema": { "type": "string" } }
                }
              },
              "BadRequest": {
                "description": "A bad parameter (missing, empty, not a number, out of range, broken percent-encoding or UTF-8, given twice) or a query the parser rejects.",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
              },
              "NotFound": {
                "description": "No such document, passage or matching source.",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
              },
              "NotAcceptable": {
                "description": "Nothing the Accept header names can be produced; the message lists what can.",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
              },
              "URITooLong": {
                "description": "The request URI is longer than 8192 bytes.",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
              },
              "Unavailable": {
                "description": "The index is missing, unreadable or busy, or the query ran out of time.",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
              }
            },
            "schemas": {
              "Error": {
                "type": "object", "required": ["error"],
                "properties": {
                  "error": {
                    "type": "object", "required": ["code", "message"],
                    "properties": {
                      "code": {
                        "type": "string",
                        "enum": ["bad_query", "bad_parameter", "not_found", "not_acceptable", "method_not_allowed", "uri_too_long",
                                 "index_missing", "index_unreadable", "index_busy", "timeout", "ingest_failed", "internal"]
                      },
                      "message": { "type": "string" }
                    }
                  }
                }
              },
              "Health": {
                "type": "object", "required": ["status", "documents", "passages"],
                "properties": {
                  "status": { "type": "string", "enum": ["ok"] },
                  "documents": { "type": "integer", "minimum": 0 },
                  "passages": { "type": "integer", "minimum": 0 }
                }
              },
              "Span": {
                "type": "object", "required": ["start", "end"], "description": "Offsets in Unicode scalars into the document's extracted text; end exclusive.",
                "properties": { "start": { "type": "integer", "minimum": 0 }, "end": { "type": "integer", "minimum": 0 } }
              },
              "Lines": {
                "type": "array", "description": "First and last line, 1-based.", "minItems": 2, "maxItems": 2,
                "items": { "type": "integer", "minimum": 1 }
              },
              "HitDocument": {
                "type": "object", "required": ["id", "title", "author", "source", "issued"], "description": "Every key is present, null when unknown.",
                "properties": {
                  "id": { "type": "string" },
                  "title": { "type": "string", "nullable": true },
                  "author": { "type": "string", "nullable": true, "description": "\"Given Family\" each, joined with \", \"." },
                  "source": { "type": "string", "nullable": true, "description": "Container title or publisher." },
                  "issued": { "type": "string", "nullable": true, "description": "YYYY, YYYY-MM or YYYY-MM-DD." }
                }
              },
              "DuplicateReference": {
                "type": "object", "required": ["passage", "document", "span", "lines"],
                "properties": {
                  "passage": { "type": "string" },
                  "document": { "type": "string" },
                  "span": { "$ref": "#/components/schemas/Span" },
                  "lines": { "$ref": "#/components/schemas/Lines" }
                }
              },
              "SearchHit": {
                "type": "object", "required": ["passage", "document", "span", "lines", "snippet", "score", "duplicates"],
                "properties": {
                  "passage": { "type": "string" },
                  "document": { "$ref": "#/components/schemas/HitDocument" },
                  "span": { "$ref": "#/components/schemas/Span" },
                  "lines": { "$ref": "#/components/schemas/Lines" },
                  "snippet": { "type": "string", "description": "HTML: matched terms in <mark>…</mark>, everything else escaped." },
                  "score": { "type": "number", "description": "The BM25 weight of the hit's document." },
                  "duplicates": { "type": "array", "items": { "$ref": "#/components/schemas/DuplicateReference" }, "description": "The other copies of this passage, original first." }
                }
              },
              "SearchResults": {
                "type": "object", "required": ["query", "total", "hits"],
                "properties": {
                  "query": { "type": "string" },
                  "total": { "type": "integer", "minimum": 0 },
                  "hits": { "type": "array", "items": { "$ref": "#/components/schemas/SearchHit" } },
                  "suggestion": { "type": "string", "description": "A spelling correction of the query (\"did you mean\")." }
                }
              },
              "PersonName": {
                "type": "object",
                "properties": { "family": { "type": "string" }, "given": { "type": "string" }, "literal": { "type": "string" } }
              },
              "CitationMetadata": {
                "type": "object", "description": "CSL-JSON fields; a field found nowhere is absent.",
                "properties": {
                  "title": { "type": "string" },
                  "author": { "type": "array", "items": { "$ref": "#/components/schemas/PersonName" } },
                  "container-title": { "type": "string" },
                  "publisher": { "type": "string" },
                  "issued": {
                    "type": "object", "required": ["date-parts"],
                    "properties": { "date-parts": { "type": "array", "items": { "type": "array", "items": { "type": "integer" } } } }
                  },
                  "URL": { "type": "string" },
                  "language": { "type": "string" },
                  "note": { "type": "string" }
                }
              },
              "Passage": {
                "type": "object", "required": ["id", "document", "span", "lines", "text", "heading", "paragraph", "kind"],
                "properties": {
                  "id": { "type": "string" },
                  "document": { "type": "string" },
                  "span": { "$ref": "#/components/schemas/Span" },
                  "lines": { "$ref": "#/components/schemas/Lines" },
                  "text": { "type": "string", "description": "Exactly the document's text[span]." },
                  "heading": { "type": "array", "items": { "type": "string" }, "description": "The headings above it, outermost first." },
                  "group": { "type": "string", "description": "Its duplicate group, if any." },
                  "paragraph": { "type": "integer", "minimum": 1 },
                  "kind": { "type": "string", "enum": ["paragraph", "boilerplate"] }
                }
              },
              "Document": {
                "type": "object", "required": ["id", "path", "format", "hash", "language", "bytes", "metadata", "passages"],
                "properties": {
                  "id": { "type": "string" },
                  "path": { "type": "string" },
                  "format": { "type": "string" },
                  "hash": { "type": "string" },
                  "language": { "type": "string" },
                  "bytes": { "type": "integer", "minimum": 0 },
                  "metadata": { "$ref": "#/components/schemas/CitationMetadata" },
                  "passages": { "type": "array", "items": { "$ref": "#/components/schemas/Passage" } }
                }
              },
              "GroupMember": {
                "type": "object", "required": ["passage", "document", "span", "lines", "text", "original"],
                "properties": {
                  "passage": { "type": "string" },
                  "document": { "type": "string" },
                  "span": { "$ref": "#/components/schemas/Span" },
                  "lines": { "$ref": "#/components/schemas/Lines" },
                  "text": { "type": "string" },
                  "original": { "type": "boolean" }
                }
              },
              "DuplicateGroup": {
                "type": "object", "required": ["id", "members", "original", "words"],
                "properties": {
                  "id": { "type": "string" },
                  "members": { "type": "array", "minItems": 2, "items": { "$ref": "#/components/schemas/GroupMember" } },
                  "original": { "type": "string", "description": "The id of the original's document." },
                  "words": { "type": "integer", "minimum": 1 }
                }
              },
              "DuplicateList": {
                "type": "object", "required": ["groups"],
                "properties": { "groups": { "type": "array", "items": { "$ref": "#/components/schemas/DuplicateGroup" } } }
              },
              "Citation": {
                "type": "object", "required": ["document", "passage", "reference", "locator", "quote", "span", "lines", "original"],
                "properties": {
                  "document": { "type": "string" },
                  "passage": { "type": "string" },
                  "reference": { "type": "string", "description": "The formatted reference (for bibtex, ris and csl-json the record's text)." },
                  "reference_html": { "type": "string", "description": "The reference as HTML with <i> italics (APA, Chicago, MLA)." },
                  "locator": { "type": "string", "description": "Where the quote stands, e.g. \"para. 12, lines 40–44\"." },
                  "quote": { "type": "string", "description": "The quote exactly as it stands in this source." },
                  "span": { "$ref": "#/components/schemas/Span" },
                  "lines": { "$ref": "#/components/schemas/Lines" },
                  "url": { "type": "string", "description": "The source's URL with a text fragment selecting the quote." },
                  "original": { "type": "boolean" }
                }
              },
              "CitationSet": {
                "type": "object", "required": ["quote", "style", "republications"],
                "properties": {
                  "quote": { "type": "string" },
                  "style": { "type": "string", "enum": ["apa", "chicago", "mla", "bibtex", "ris", "csl-json"] },
                  "original": { "$ref": "#/components/schemas/Citation" },
                  "republications": { "type": "array", "items": { "$ref": "#/components/schemas/Citation" } }
                }
              }
            }
          }
        }
        """#
}
