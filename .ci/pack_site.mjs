// Names the browser bundle in SITE/pkg after its content and, with
// --compress, writes a brotli (.br) and a gzip (.gz) copy beside each file
// for the server to send to browsers that accept them.
//
//   node .ci/pack_site.mjs SITE [--compress] [--report FILE]
//
// The bundle, as `build_site` leaves it in SITE/pkg:
// - panelkit.js and panelkit_bg.wasm: wasm-bindgen's entry module and the
//   main wasm, which every page with an island loads;
// - __wasm_split.js: the loader of the lazily loaded islands, which the
//   entry module imports and which imports it back;
// - split_<group>.wasm and chunk_<n>.wasm: each download group of lazy
//   islands, and the code groups share (wasm-split-cli's output);
// - referee.js and referee_bg.wasm: a bundle of its own, for pages whose
//   only island is the referee's form (RefereeFlow);
// - panelkit.css.
// Each file is renamed after its content: panelkit.<hash>.wasm and .css,
// split_<group>.<hash>.wasm, chunk_<n>.<hash>.wasm. The entry module and the
// loader name each other, so both take one hash of the three files they tie
// together (entry module, main wasm, loader with its chunk names rewritten):
// panelkit.<h>.js and __wasm_split.<h>.js. SITE/hash.txt lists the hashes
// (`js: <hash>`, `wasm:`, `css:`), the bundles of their own
// (`bundle: <name> <js> <wasm> <Island>,…`: the island script loads one
// instead of the main bundle on a page whose islands are all in it) and the
// other files (`file: <name>`), the file the server reads to address and
// cache them. Earlier builds' files
// are removed. Prints each file's size raw, gzipped and brotli-compressed,
// and what each page downloads: the main part, plus a group's files for a
// page with its islands. --report writes those figures as JSON.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const site = args[0];
if (!site || site.startsWith("--")) {
  console.error("usage: node .ci/pack_site.mjs SITE [--compress] [--report FILE]");
  process.exit(2);
}
const compress = args.includes("--compress");
const reportAt = args.includes("--report") ? args[args.indexOf("--report") + 1] : null;
const pkg = join(site, "pkg");
const HASHED = /^(panelkit|referee|__wasm_split|split_[a-z0-9_]+|chunk_\d+)\.[0-9a-f]{16}\./;
// Bundles of their own: name → the islands they hydrate.
const OWN_BUNDLES = { referee: ["RefereeFlow"] };

for (const name of readdirSync(pkg)) {
  if (HASHED.test(name)) unlinkSync(join(pkg, name));
}

const hash = (...parts) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex").slice(0, 16);
};
const read = (name) => readFileSync(join(pkg, name));
const pieces = readdirSync(pkg).filter((n) => /^(split_[a-z0-9_]+|chunk_\d+)\.wasm$/.test(n)).sort();

// The groups and chunks, renamed; the loader's references follow.
let loader = pieces.length > 0 || readdirSync(pkg).includes("__wasm_split.js")
  ? read("__wasm_split.js").toString("utf8")
  : null;
const renamed = new Map();
for (const name of pieces) {
  const stem = name.replace(/\.wasm$/, "");
  const hashed = `${stem}.${hash(read(name))}.wasm`;
  renamed.set(name, hashed);
  const ref = `"./${name}"`;
  if (!loader || !loader.includes(ref)) {
    console.error(`pack_site: the loader does not name ${name}`);
    process.exit(1);
  }
  loader = loader.replaceAll(ref, `"./${hashed}"`);
}

// The entry module and the loader: one hash for both.
let js = read("panelkit.js").toString("utf8");
const wasm = read("panelkit_bg.wasm");
const tie = hash(js, wasm, loader ?? "");
const names = { js: `panelkit.${tie}.js`, wasm: `panelkit.${hash(wasm)}.wasm` };
const css = read("panelkit.css");
names.css = `panelkit.${hash(css)}.css`;
const contents = new Map();
if (loader !== null) {
  const loaderName = `__wasm_split.${tie}.js`;
  const fromLoader = /from "\.\/__wasm_split\.js"/g;
  if (!fromLoader.test(js)) {
    console.error("pack_site: panelkit.js does not import the loader");
    process.exit(1);
  }
  js = js.replace(fromLoader, `from "./${loaderName}"`);
  const fromEntry = 'from "./panelkit.js"';
  if (!loader.includes(fromEntry)) {
    console.error("pack_site: the loader does not import panelkit.js");
    process.exit(1);
  }
  loader = loader.replaceAll(fromEntry, `from "./${names.js}"`);
  contents.set(loaderName, Buffer.from(loader, "utf8"));
  unlinkSync(join(pkg, "__wasm_split.js"));
}
contents.set(names.js, Buffer.from(js, "utf8"));
unlinkSync(join(pkg, "panelkit.js"));
renameSync(join(pkg, "panelkit_bg.wasm"), join(pkg, names.wasm));
renameSync(join(pkg, "panelkit.css"), join(pkg, names.css));
for (const [name, hashed] of renamed) renameSync(join(pkg, name), join(pkg, hashed));
for (const [name, bytes] of contents) writeFileSync(join(pkg, name), bytes);

// The bundles of their own: an entry module and its wasm each, one hash.
const own = [];
for (const [bundle, islands] of Object.entries(OWN_BUNDLES)) {
  const ownJs = read(`${bundle}.js`);
  const ownWasm = read(`${bundle}_bg.wasm`);
  const h = hash(ownJs, ownWasm);
  const files = { js: `${bundle}.${h}.js`, wasm: `${bundle}.${h}.wasm` };
  renameSync(join(pkg, `${bundle}.js`), join(pkg, files.js));
  renameSync(join(pkg, `${bundle}_bg.wasm`), join(pkg, files.wasm));
  own.push({ bundle, islands, ...files });
}

const lines = [`js: ${names.js.split(".")[1]}`, `wasm: ${names.wasm.split(".")[1]}`, `css: ${names.css.split(".")[1]}`];
for (const name of contents.keys()) if (name !== names.js) lines.push(`file: ${name}`);
for (const hashed of renamed.values()) lines.push(`file: ${hashed}`);
for (const b of own) lines.push(`bundle: ${b.bundle} ${b.js} ${b.wasm} ${b.islands.join(",")}`);
writeFileSync(join(site, "hash.txt"), `${lines.join("\n")}\n`);

// Sizes, and the copies the server sends.
const sizes = new Map();
const ownFiles = own.flatMap((b) => [b.js, b.wasm]);
for (const name of [names.js, names.wasm, names.css, ...[...contents.keys()].filter((n) => n !== names.js), ...renamed.values(), ...ownFiles]) {
  const bytes = read(name);
  const size = { raw: bytes.length, gzip: 0, brotli: 0 };
  if (compress) {
    const gz = gzipSync(bytes, { level: 9 });
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
    writeFileSync(join(pkg, `${name}.gz`), gz);
    writeFileSync(join(pkg, `${name}.br`), br);
    Object.assign(size, { gzip: gz.length, brotli: br.length });
  }
  sizes.set(name, size);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [name, s] of sizes) {
  const packed = compress ? `${kb(s.gzip).padStart(10)} gzip ${kb(s.brotli).padStart(10)} brotli` : "";
  console.log(`  ${name.padEnd(40)} ${kb(s.raw).padStart(11)} raw ${packed}`);
}

// What a page downloads: the main part (entry module, loader, main wasm),
// and for each group of lazy islands on it, the group's file and the chunks
// the loader fetches with it.
const sum = (files) =>
  files.reduce(
    (t, f) => ({ raw: t.raw + sizes.get(f).raw, gzip: t.gzip + sizes.get(f).gzip, brotli: t.brotli + sizes.get(f).brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
const mainFiles = [names.js, names.wasm, ...[...contents.keys()].filter((n) => n !== names.js)];
const groups = {};
if (loader !== null) {
  const chunkFile = new Map();
  for (const m of loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) {
    chunkFile.set(m[1], m[2]);
  }
  for (const m of loader.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?), \[([^\]]*)\]\)\);/g)) {
    const own = m[2].match(/new URL\("\.\/([^"]+)"/);
    const files = [...(own ? [own[1]] : []), ...m[3].split(",").map((s) => s.trim()).filter(Boolean).map((c) => chunkFile.get(c))];
    groups[m[1]] = { files: files.length, ...sum([...mainFiles, ...files]) };
  }
}
// A page whose islands are all in a bundle of its own downloads that alone.
for (const b of own) groups[b.bundle] = { files: 2, ...sum([b.js, b.wasm]) };
const report = {
  main: { files: mainFiles.length, ...sum(mainFiles) },
  groups,
  everything: {
    files: mainFiles.length + renamed.size + ownFiles.length,
    ...sum([...mainFiles, ...renamed.values(), ...ownFiles]),
  },
};
if (compress) {
  console.log("  What a page downloads (script and wasm):");
  const row = (label, r) =>
    console.log(`    ${label.padEnd(36)} ${String(r.files).padStart(3)} files ${kb(r.gzip).padStart(10)} gzip ${kb(r.brotli).padStart(10)} brotli`);
  row("the main part alone (sign-in)", report.main);
  for (const [group, r] of Object.entries(groups)) row(`a page with the ${group} islands`, r);
  row("every file of the bundle", report.everything);
}
if (reportAt) writeFileSync(reportAt, `${JSON.stringify(report, null, 2)}\n`);
