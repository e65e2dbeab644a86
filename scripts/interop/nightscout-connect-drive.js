// Drives Care's Nightscout API v1 with a real Nightscout client: the npm package nightscout-connect
// (its Nightscout output module uploads, its Nightscout source module reads). Run by
// scripts/interop/nightscout-client.sh, which starts `care serve` and sets the environment.
// NODE_PATH must reach a node_modules with nightscout-connect@0.0.12 and its dependencies (axios).
'use strict';
const axios = require('axios');
const output = require('nightscout-connect/lib/outputs/nightscout');
const source = require('nightscout-connect/lib/sources/nightscout');

const site = process.env.NS_SITE;           // http://127.0.0.1:PORT/nightscout/WEARER
const secret = process.env.NS_SECRET;       // the wearer's API secret (the module sends its SHA-1)
const clinician = process.env.CARE_TOKEN;   // a Care clinician token of the care team (read)
const quiet = { log: console.log };
console.log = () => {};                     // the modules log their config (with the secret): keep it out

function fail(message) { quiet.log('FAIL ' + message); process.exitCode = 1; }

(async () => {
  const now = Date.now();
  const start = now - 60 * 60 * 1000;
  // An hour of CGM every 5 minutes, falling 4 mg/dL per 5 minutes, plus one duplicate time.
  const entries = [];
  for (let i = 0; i < 12; i++) {
    const date = start + i * 5 * 60 * 1000;
    entries.push({ type: 'sgv', sgv: 180 - 4 * i, date, dateString: new Date(date).toISOString(), device: 'nightscout-connect' });
  }
  entries.push(Object.assign({}, entries[11]));
  const record = output({ url: site, apiSecret: secret }, axios);
  const gapBefore = Object.assign({}, await record.gap_for());
  const bookmark = await record({ entries, treatments: [], profiles: [], devicestatus: [] });
  quiet.log(`upload: ${entries.length} entries sent (one duplicate), bookmark ${bookmark && bookmark.entries ? bookmark.entries.toISOString() : 'none'}, gap before ${gapBefore && gapBefore.entries ? 'set' : 'empty'}`);
  if (!bookmark || !bookmark.entries || bookmark.entries.getTime() !== start) fail('bookmark is not the first uploaded entry');

  const reader = source({ url: site, apiSecret: secret }, axios);
  const read = await reader.dataFromSesssion({ bearer: clinician }, { entries: new Date(start - 1) });
  quiet.log(`read: ${read.length} entries, newest ${read[0] && read[0].dateString} sgv ${read[0] && read[0].sgv} direction ${read[0] && read[0].direction}`);
  if (read.length !== 12) fail(`expected 12 entries back, got ${read.length}`);
  if (read[0].sgv !== 136 || read[0].direction !== 'Flat') fail('newest entry is not 136 mg/dL Flat (-0.8 mg/dL/min)');
  const dates = read.map(e => e.date);
  if (dates.some((d, i) => i > 0 && d >= dates[i - 1])) fail('entries are not newest first');
  // Sending the same batch again stores nothing new.
  await record({ entries, treatments: [], profiles: [], devicestatus: [] });
  const again = await reader.dataFromSesssion({ bearer: clinician }, { entries: new Date(start - 1) });
  quiet.log(`resend: ${again.length} entries after sending the batch again`);
  if (again.length !== 12) fail('a resend changed the stored entries');
  // A wrong secret is refused as Nightscout refuses it.
  try {
    await axios.post(site + '/api/v1/entries.json', entries.slice(0, 1), { headers: { 'API-SECRET': '0'.repeat(40) } });
    fail('a wrong secret was accepted');
  } catch (e) {
    quiet.log(`wrong secret: ${e.response.status} ${JSON.stringify(e.response.data)}`);
  }
  quiet.log(process.exitCode ? 'nightscout-connect: FAILED' : 'nightscout-connect: all checks passed');
})().catch(e => { quiet.log('FAIL ' + (e && e.stack || e)); process.exitCode = 1; });
