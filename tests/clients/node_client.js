// Client test with node-postgres (npm "pg"): the four types in text and
// binary mode, screen() and lookup().  COPY is tested with psycopg (pg has
// no COPY without pg-copy-streams).  Connection from the PG* environment.
// Prints TAP; exits 1 on a failure.
'use strict';
const { Client, types } = require('pg');

let n = 0;
let failed = 0;
function check(ok, what) {
  n += 1;
  console.log(`${ok ? 'ok' : 'not ok'} ${n} - ${what}`);
  if (!ok) failed += 1;
}

// Binary parsers: the README's formats.
const casrnText = (v) => { const s = v.toString(); return `${s.slice(0, -3)}-${s.slice(-3, -1)}-${s.slice(-1)}`; };
function cncodeText(v) {
  const level = Number(v % 8n);
  const d = (v / 8n).toString().padStart(10, '0');
  if (level === 0) return d.slice(0, 2);
  const parts = [d.slice(0, 4)];
  for (let i = 4; i < 2 * level + 2; i += 2) parts.push(d.slice(i, i + 2));
  return parts.join(' ');
}
function inchikeyText(buf) {
  let bits = BigInt('0x' + buf.toString('hex')) >> 3n;
  let letters = '';
  for (let i = 24; i >= 0; i--) letters += String.fromCharCode(65 + Number((bits >> BigInt(5 * i)) & 31n));
  return `${letters.slice(0, 14)}-${letters.slice(14, 24)}-${letters.slice(24)}`;
}

(async () => {
  const c = new Client();
  await c.connect();
  const oids = {};
  for (const r of (await c.query("SELECT typname, oid::int AS oid FROM pg_type WHERE oid IN ('casrn'::regtype, 'ecnumber'::regtype, 'cncode'::regtype, 'inchikey'::regtype)")).rows) oids[r.typname] = r.oid;
  types.setTypeParser(oids.casrn, 'binary', (b) => casrnText(b.readBigInt64BE(0)));
  types.setTypeParser(oids.ecnumber, 'binary', (b) => { const s = b.readInt32BE(0).toString(); return `${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6)}`; });
  types.setTypeParser(oids.cncode, 'binary', (b) => cncodeText(b.readBigInt64BE(0)));
  types.setTypeParser(oids.inchikey, 'binary', inchikeyText);

  const rows = [['103-79-7', '203-159-6', '2914 31 00', 'QCCDLTOVEPVEJK-UHFFFAOYSA-N'],
                ['50-00-0', '200-001-8', '2912 11', 'WSFSSNUMVMOOMR-UHFFFAOYSA-N'],
                ['64-17-5', '200-578-6', '29', 'KWGRBVOPPLSCSI-WPRPVWTQSA-N']];
  await c.query('CREATE TEMP TABLE node_ids (id int, cas casrn, ec ecnumber, cn cncode, ik inchikey)');
  for (let i = 0; i < rows.length; i++) await c.query('INSERT INTO node_ids VALUES ($1, $2, $3, $4, $5)', [i, ...rows[i]]);
  const sel = 'SELECT cas, ec, cn, ik FROM node_ids ORDER BY id';
  const text = (await c.query({ text: sel, rowMode: 'array' })).rows;
  check(JSON.stringify(text) === JSON.stringify(rows), 'text mode: string parameters in, canonical text out');
  const bin = (await c.query({ text: sel, rowMode: 'array', binary: true })).rows;
  check(JSON.stringify(bin) === JSON.stringify(rows), `binary mode: the four types decode to their canonical text (${JSON.stringify(bin[0])})`);
  const eq = (await c.query('SELECT id FROM node_ids WHERE cas = $1 AND cn <@ $2', ['103797', '2914'])).rows;
  check(eq.length === 1 && eq[0].id === 0, 'string parameters compare with casrn and cncode');

  const hits = (await c.query('SELECT substance, casrn FROM precursor.screen($1)', ['200 kg Phenylacetone (P2P)'])).rows;
  check(hits.some((h) => h.casrn === '103-79-7'), `screen() finds phenylacetone (${hits.length} hits)`);
  const look = (await c.query('SELECT casrn FROM precursor.lookup($1)', ['Phenylacetone'])).rows;
  check(look.length === 3 && look.every((h) => h.casrn === '103-79-7'), `lookup() names phenylacetone on its three lists (${JSON.stringify(look)})`);
  await c.end();
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.log(`not ok - ${e.message}`); process.exit(1); });
