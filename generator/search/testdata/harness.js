// Runs the engine of themes/default/assets/search.js under node for the Go tests of
// generator/search. It reads one JSON request on stdin and writes one JSON answer:
//
//   {"mode": "tokens", "script": PATH, "stop": [...], "stem": "porter2" or "", "texts": [...]}
//     -> [["word stem", ...], ...]: the tokens of each text
//   {"mode": "search", "script": PATH, "root": DIR, "manifest": "search/index.x.json",
//    "top": N, "queries": [{"q": "...", "typing": true, "type": "", "role": "", "text": false}]}
//     -> [{"q", "urls", "titles", "total", "partial", "loaded", "excerpt"}]: each query on
//        a fresh engine, so "loaded" lists the files a first query fetches.
'use strict';
const fs = require('fs');
const path = require('path');

const req = JSON.parse(fs.readFileSync(0, 'utf8'));
require(path.resolve(req.script));
const S = globalThis.HandbookSearch;

function tokens() {
  const isStop = S.stopSet(req.stop);
  return req.texts.map((t) => S.tokens(t, isStop, req.stem).map((x) => x.word + ' ' + x.stem));
}

async function search() {
  const out = [];
  for (const query of req.queries) {
    const loaded = [];
    const engine = new S.Engine(req.manifest, (name) => {
      loaded.push(name);
      return Promise.resolve(JSON.parse(fs.readFileSync(path.join(req.root, name), 'utf8')));
    });
    const res = await engine.search(query.q, query);
    const docs = await engine.docs(res.hits.slice(0, req.top || 10), !!query.text);
    const m = await engine.manifest();
    out.push({
      q: query.q,
      urls: docs.map((d) => '/' + d.url),
      titles: docs.map((d) => d.title),
      total: res.total,
      partial: res.partial,
      counts: res.counts,
      loaded: loaded,
      excerpt: docs.length ? S.marks(docs[0].text, res.terms, m.isStop, 200, res.stemming) : [],
    });
  }
  return out;
}

// say fills each case's text as the theme's pages do: {"mode": "say", "texts": {...},
// "cases": [[key, args...], ...]} -> [text, ...].
function say() {
  return req.cases.map((c) => S.say(req.texts, ...c));
}

(async () => {
  const out = req.mode === 'tokens' ? tokens() : req.mode === 'say' ? say() : await search();
  process.stdout.write(JSON.stringify(out));
})().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(1);
});
