// Names the browser bundle in SITE/pkg after its content and, with
// --compress, writes a brotli (.br) and a gzip (.gz) copy beside each file
// for the server to send to browsers that accept them.
//
//   node .ci/pack_site.mjs SITE [--compress]
//
// wasm-bindgen's panelkit.js and panelkit_bg.wasm and the stylesheet
// panelkit.css become panelkit.<hash>.js, .wasm and .css; SITE/hash.txt
// lists the hashes (`js: <hash>` …), the file the server and Leptos's
// HydrationScripts read to address them. Earlier builds' files are removed.
// Prints each file's size raw, gzipped and brotli-compressed.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const [site, ...flags] = process.argv.slice(2);
if (!site) {
  console.error("usage: node .ci/pack_site.mjs SITE [--compress]");
  process.exit(2);
}
const compress = flags.includes("--compress");
const pkg = join(site, "pkg");
const parts = [
  ["js", "panelkit.js"],
  ["wasm", "panelkit_bg.wasm"],
  ["css", "panelkit.css"],
];

for (const name of readdirSync(pkg)) {
  if (/^panelkit\.[0-9a-f]{16}\./.test(name)) unlinkSync(join(pkg, name));
}

const lines = [];
const rows = [];
for (const [kind, name] of parts) {
  const bytes = readFileSync(join(pkg, name));
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  const hashed = `panelkit.${hash}.${kind}`;
  renameSync(join(pkg, name), join(pkg, hashed));
  lines.push(`${kind}: ${hash}`);
  const row = { file: hashed, raw: bytes.length, gzip: "", brotli: "" };
  if (compress) {
    const gz = gzipSync(bytes, { level: 9 });
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
    writeFileSync(join(pkg, `${hashed}.gz`), gz);
    writeFileSync(join(pkg, `${hashed}.br`), br);
    Object.assign(row, { gzip: gz.length, brotli: br.length });
  }
  rows.push(row);
}
writeFileSync(join(site, "hash.txt"), `${lines.join("\n")}\n`);

const kb = (n) => (n === "" ? "-" : `${(n / 1024).toFixed(1)} KB`);
for (const r of rows) {
  console.log(`  ${r.file.padEnd(32)} ${kb(r.raw).padStart(11)} raw ${kb(r.gzip).padStart(10)} gzip ${kb(r.brotli).padStart(10)} brotli`);
}
