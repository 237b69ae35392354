/// The search page served at `GET /`: one self-contained HTML file (inline CSS and JavaScript, no external assets)
/// over the JSON API, compiled into the binary.
///
/// `/?q=QUERY` runs the search on load (`&all=true` unfolds copies, `&offset=N` pages); adding `&cite=STYLE` also
/// cites the first hit, which is how `scripts/check-server` drives it headless. Snippets arrive with `<mark>` and
/// everything else HTML-escaped by Xapian; the page still lets through nothing but `<mark>` tags and well-formed
/// entities, and puts every other value in with `textContent`.
enum SearchPage {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>concord</title>
        <style>
          :root { --fg: #1d1f21; --muted: #5f6368; --line: #dadce0; --accent: #1a56db; --mark: #fff3a3; --bg: #fff; }
          @media (prefers-color-scheme: dark) {
            :root { --fg: #e8eaed; --muted: #9aa0a6; --line: #3c4043; --accent: #8ab4f8; --mark: #5c4d00; --bg: #202124; }
          }
          * { box-sizing: border-box; }
          body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
          main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
          h1 { font-size: 1.4rem; margin: 0 0 1rem; }
          h1 span { color: var(--muted); font-weight: normal; font-size: 1rem; }
          form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
          input[type=search] { flex: 1 1 20rem; font: inherit; padding: .5rem .7rem; border: 1px solid var(--line); border-radius: .4rem; background: var(--bg); color: var(--fg); }
          button, select { font: inherit; padding: .45rem .8rem; border: 1px solid var(--line); border-radius: .4rem; background: var(--bg); color: var(--fg); cursor: pointer; }
          button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
          label { color: var(--muted); font-size: .9rem; }
          #status { color: var(--muted); margin: 1rem 0 .5rem; min-height: 1.5em; }
          #status.error { color: #c5221f; }
          #status a { color: var(--accent); }
          ol#results { list-style: none; padding: 0; margin: 0; }
          li.hit { border-top: 1px solid var(--line); padding: .9rem 0; }
          .where { font-size: .9rem; color: var(--muted); }
          .where b { color: var(--fg); font-weight: 600; }
          .snippet { margin: .35rem 0; }
          mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: .15em; }
          .copies { font-size: .85rem; color: var(--muted); margin: .2rem 0; }
          .actions { display: flex; gap: .5rem; align-items: center; margin-top: .3rem; }
          .actions button { font-size: .85rem; padding: .2rem .6rem; }
          pre.citation { white-space: pre-wrap; word-break: break-word; background: rgba(127,127,127,.1); border-radius: .4rem; padding: .6rem .8rem; font-size: .85rem; margin: .5rem 0 0; }
          nav { display: flex; gap: .5rem; margin-top: 1rem; }
        </style>
        </head>
        <body>
        <main>
          <h1>concord <span>search passages, find their sources, cite them</span></h1>
          <form id="search" role="search">
            <input type="search" id="q" name="q" placeholder="Taiwan Strait, &quot;a phrase&quot;, author:Sacks …" aria-label="Query" autofocus>
            <button class="primary" type="submit">Search</button>
            <label><input type="checkbox" id="all"> every copy</label>
            <label>cite as
              <select id="style" aria-label="Citation style">
                <option value="apa">APA</option>
                <option value="chicago">Chicago</option>
                <option value="mla">MLA</option>
                <option value="bibtex">BibTeX</option>
                <option value="ris">RIS</option>
                <option value="csl-json">CSL-JSON</option>
              </select>
            </label>
          </form>
          <p id="status" role="status"></p>
          <ol id="results"></ol>
          <nav id="pages"></nav>
        </main>
        <script>
        "use strict";
        (function () {
          var PAGE = 20;
          var form = document.getElementById("search");
          var input = document.getElementById("q");
          var allBox = document.getElementById("all");
          var styleSelect = document.getElementById("style");
          var statusLine = document.getElementById("status");
          var results = document.getElementById("results");
          var pages = document.getElementById("pages");
          var current = { q: "", offset: 0, all: false };

          function el(tag, className, text) {
            var node = document.createElement(tag);
            if (className) node.className = className;
            if (text !== undefined && text !== null) node.textContent = text;
            return node;
          }

          // Xapian escapes the snippet and adds <mark>; let through nothing else, whatever arrives.
          function safeSnippet(snippet) {
            return String(snippet).split(/(<\/?mark>)/).map(function (part) {
              if (part === "<mark>" || part === "</mark>") return part;
              return part
                .replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]{0,31}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)/g, "&amp;")
                .replace(/</g, "&lt;").replace(/>/g, "&gt;");
            }).join("");
          }

          function setStatus(text, isError) {
            statusLine.textContent = text;
            statusLine.className = isError ? "error" : "";
          }

          function errorText(response, body) {
            try {
              var parsed = JSON.parse(body);
              if (parsed && parsed.error && parsed.error.message) return parsed.error.message;
            } catch (ignored) {}
            return "HTTP " + response.status;
          }

          function get(url, accept) {
            return fetch(url, { headers: { "Accept": accept || "application/json" } }).then(function (response) {
              return response.text().then(function (body) {
                if (!response.ok) throw new Error(errorText(response, body));
                return body;
              });
            });
          }

          function where(hit) {
            var line = el("div", "where");
            var d = hit.document || {};
            line.appendChild(el("b", null, d.title || d.id));
            var details = [];
            if (d.author) details.push(d.author);
            if (d.source) details.push(d.source);
            if (d.issued) details.push(d.issued);
            details.push(d.id + ":" + hit.lines[0] + (hit.lines[1] !== hit.lines[0] ? "–" + hit.lines[1] : ""));
            line.appendChild(document.createTextNode(" — " + details.join(" · ")));
            return line;
          }

          function cite(hit, item, button) {
            var style = styleSelect.value;
            var output = item.querySelector("pre.citation");
            if (!output) { output = el("pre", "citation"); item.appendChild(output); }
            output.textContent = "…";
            button.disabled = true;
            var url = "/passages/" + encodeURIComponent(hit.passage) + "/cite?format=" + encodeURIComponent(style);
            return get(url, "*/*").then(function (text) {
              output.textContent = text.replace(/\s+$/, "");
              output.setAttribute("data-style", style);
              document.body.setAttribute("data-cited", style);
            }, function (error) {
              output.textContent = "Cannot cite: " + error.message;
            }).then(function () { button.disabled = false; });
          }

          function render(data) {
            results.textContent = "";
            pages.textContent = "";
            var from = current.offset + 1, to = current.offset + data.hits.length;
            if (data.hits.length === 0) {
              setStatus(current.offset > 0 ? "No more hits." : "Nothing found for " + data.query + ".");
            } else {
              setStatus("Hits " + from + "–" + to + " of about " + data.total + ".");
            }
            if (data.suggestion) {
              statusLine.appendChild(document.createTextNode(" Did you mean "));
              var link = el("a", null, data.suggestion);
              link.href = "?q=" + encodeURIComponent(data.suggestion);
              link.addEventListener("click", function (event) { event.preventDefault(); input.value = data.suggestion; search(0); });
              statusLine.appendChild(link);
              statusLine.appendChild(document.createTextNode("?"));
            }
            data.hits.forEach(function (hit) {
              var item = el("li", "hit");
              item.setAttribute("data-passage", hit.passage);
              item.appendChild(where(hit));
              var snippet = el("div", "snippet");
              snippet.innerHTML = safeSnippet(hit.snippet);
              item.appendChild(snippet);
              if (hit.duplicates && hit.duplicates.length) {
                var copies = el("div", "copies", "also in: " + hit.duplicates.map(function (copy) {
                  return copy.document + ":" + copy.lines[0] + (copy.lines[1] !== copy.lines[0] ? "–" + copy.lines[1] : "");
                }).join(", "));
                item.appendChild(copies);
              }
              var actions = el("div", "actions");
              var button = el("button", "cite", "Cite");
              button.type = "button";
              button.addEventListener("click", function () { cite(hit, item, button); });
              actions.appendChild(button);
              item.appendChild(actions);
              results.appendChild(item);
            });
            if (current.offset > 0) {
              var previous = el("button", null, "← Previous");
              previous.type = "button";
              previous.addEventListener("click", function () { search(Math.max(0, current.offset - PAGE)); });
              pages.appendChild(previous);
            }
            if (to < data.total && data.hits.length === PAGE) {
              var next = el("button", null, "Next →");
              next.type = "button";
              next.addEventListener("click", function () { search(current.offset + PAGE); });
              pages.appendChild(next);
            }
          }

          function search(offset) {
            var q = input.value.trim();
            if (!q) { setStatus("Type a query."); results.textContent = ""; return Promise.resolve(); }
            current = { q: q, offset: offset, all: allBox.checked };
            var params = new URLSearchParams({ q: q, limit: String(PAGE), offset: String(offset) });
            if (current.all) params.set("all", "true");
            var shown = new URLSearchParams({ q: q });
            if (current.all) shown.set("all", "true");
            if (offset) shown.set("offset", String(offset));
            history.replaceState(null, "", "?" + shown.toString());
            setStatus("Searching…");
            document.body.setAttribute("data-state", "searching");
            return get("/search?" + params.toString()).then(function (body) {
              render(JSON.parse(body));
              document.body.setAttribute("data-state", "done");
            }, function (error) {
              results.textContent = "";
              pages.textContent = "";
              setStatus(error.message, true);
              document.body.setAttribute("data-state", "error");
            });
          }

          form.addEventListener("submit", function (event) { event.preventDefault(); search(0); });

          var start = new URLSearchParams(location.search);
          var styleParam = start.get("cite");
          if (styleParam) {
            for (var i = 0; i < styleSelect.options.length; i++) {
              if (styleSelect.options[i].value === styleParam) styleSelect.selectedIndex = i;
            }
          }
          if (start.get("q")) {
            input.value = start.get("q");
            allBox.checked = ["true", "1", "yes"].indexOf(start.get("all") || "") >= 0;
            var offset = parseInt(start.get("offset") || "0", 10);
            search(isNaN(offset) || offset < 0 ? 0 : offset).then(function () {
              var first = results.querySelector("li.hit");
              if (styleParam && first) first.querySelector("button.cite").click();
            });
          }
        })();
        </script>
        </body>
        </html>
        """#
}
