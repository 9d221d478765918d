#!/usr/bin/env node
'use strict';
// Times citeproc-js on what bench.js does not cover, for the Citations benchmarks' comparison mode:
//
//   --mode document: a document of citation clusters processed in order with processCitationCluster, exactly as
//                    render.js --citations does (note number = index + 1), then the bibliography of the cited items,
//                    then a one-cluster edit: cluster --edit-index replaced by --edit (and back, alternately), each
//                    time through processCitationCluster with the citations before and after it.
//   --mode items:    registration + bibliography of all items, and one single-cite citation per item, --repeat times.
//
// usage: node citeproc-timing.js --tool CSL_REFERENCE_DIR --style FILE --items FILE [--format text] [--locales DIR]
//          [--mode document --citations FILE --edit-index N --edit CLUSTER.json --repeat N] [--mode items --repeat N]
// Prints one JSON object. citeproc is found through NODE_PATH; the harness's lib/common.js loads styles and locales.

const fs = require('fs');
const path = require('path');

function arg(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}

function median(list) {
  const s = list.slice().sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function round(x) {
  return x === null ? null : Math.round(x * 100) / 100;
}

const tool = path.resolve(arg('tool'));
const common = require(path.join(tool, 'lib', 'common.js'));
const renderJs = require(path.join(tool, 'render.js'));
const mode = arg('mode', 'document');
const repeat = parseInt(arg('repeat', '5'), 10);
const items = JSON.parse(fs.readFileSync(arg('items'), 'utf8'));

const t0 = now();
const built = common.buildEngine({
  styleFile: arg('style'),
  items: items,
  localesDir: common.resolveLocalesDir(arg('locales')),
  format: arg('format', 'text'),
});
const buildMs = now() - t0;
const engine = built.engine;
const result = { processor: 'citeproc-js ' + common.processorVersion(), mode: mode, engineBuildMs: round(buildMs) };

if (mode === 'document') {
  const raw = JSON.parse(fs.readFileSync(arg('citations'), 'utf8'));
  const list = renderJs.normaliseCitations(raw, built.store);
  const pre = [];
  const a = now();
  for (const citation of list) {
    engine.processCitationCluster(citation, pre.slice(), []);
    pre.push([citation.citationID, citation.properties.noteIndex]);
  }
  result.clusters = list.length;
  result.documentMs = round(now() - a);
  const b = now();
  const bib = engine.makeBibliography();
  result.bibliographyMs = round(now() - b);
  result.bibliographyEntries = bib ? bib[1].length : 0;

  const k = parseInt(arg('edit-index', String(Math.floor(list.length / 2))), 10);
  const edited = renderJs.normaliseCitations([JSON.parse(fs.readFileSync(arg('edit'), 'utf8'))], built.store)[0];
  edited.citationID = list[k].citationID;
  edited.properties.noteIndex = list[k].properties.noteIndex;
  const before = pre.slice(0, k);
  const after = pre.slice(k + 1);
  const edits = [];
  for (let r = 0; r < repeat; r++) {
    const version = r % 2 === 0 ? edited : list[k];
    const c = now();
    engine.processCitationCluster(version, before, after);
    edits.push(now() - c);
  }
  result.editIndex = k;
  result.editMsMedian = round(median(edits));
  result.editMs = edits.map(round);
} else if (mode === 'items') {
  const ids = built.store.ids;
  const bibMs = [];
  const citeMs = [];
  for (let r = 0; r < repeat; r++) {
    engine.updateItems([]);
    const a = now();
    engine.updateItems(ids);
    engine.makeBibliography();
    bibMs.push(now() - a);
    const b = now();
    for (const id of ids) {
      engine.makeCitationCluster([{ id: id }]);
    }
    citeMs.push(now() - b);
  }
  result.items = ids.length;
  result.bibliographyMsMedian = round(median(bibMs));
  result.bibliographyMsFirst = round(bibMs[0]);
  result.citationMsMedian = round(median(citeMs));
} else {
  process.stderr.write('unknown --mode ' + mode + '\n');
  process.exit(2);
}

result.peakRssMB = round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
