// Renders a bibliography with citeproc-js through the shared harness's render() (the same code as render.js) and
// prints its entries with their item ids, so that two bibliographies can be compared item by item.
// usage: node render-with-ids.js HARNESS_DIR STYLE.csl ITEMS.json
'use strict';
const path = require('path');
const harness = process.argv[2];
const { render } = require(path.join(harness, 'render.js'));
const common = require(path.join(harness, 'lib', 'common.js'));
const items = common.readJson(process.argv[4], 'items');
const result = render({ style: process.argv[3], items: items, localesDir: common.resolveLocalesDir(), format: 'text' });
// citeproc-js leaves out entries that render empty (a personal communication in APA) but keeps their ids in
// entry_ids; bibliography_errors names them, so they are skipped here to keep ids and entries aligned.
const meta = result.bib ? result.bib[0] : { entry_ids: [], bibliography_errors: [] };
const omitted = new Set((meta.bibliography_errors || []).map(function (e) { return String(e.itemID); }));
const ids = meta.entry_ids.map(function (id) { return String(id[0]); }).filter(function (id) { return !omitted.has(id); });
if (ids.length !== (result.bibliography || []).length) {
  throw new Error('cannot align ' + ids.length + ' ids with ' + (result.bibliography || []).length + ' entries');
}
const entries = (result.bibliography || []).map(function (text, i) {
  return { id: ids[i], text: text.replace(/\n$/, '') };
});
process.stdout.write(JSON.stringify({ entries: entries, errors: result.errors }));
