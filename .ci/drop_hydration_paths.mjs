// Replaces the body of every function of two hydration paths islands never
// take with a trap, before the wasm is split, so that the code only they
// reach leaves the bundle:
//
// - the asynchronous one (`hydrate_async`, its futures' state machines):
//   islands hydrate synchronously (`hydrate_from_position`); only a whole
//   app mounted with `hydrate_lazy` (lazy routes) awaits it;
// - hydrating an attribute of a view cloned from a template
//   (`hydrate_from_template`, `hydrate::<false>`): only Leptos's
//   `template!` views are built so, and the app has none.
//
//   node .ci/drop_hydration_paths.mjs IN.wasm OUT.wasm
//
// Why: every view type turned into an `AnyView` (every component, since
// views are erased at component boundaries) keeps a pointer to its
// `hydrate_async`, and every attribute turned into an `AnyAttribute` one to
// its `hydrate_from_template`, so the linker keeps both paths, and all they
// call, for every component and attribute (dropping them cut what a page
// downloads by 5 to 8%, BENCHMARKS.md). No Leptos feature leaves them out.
// The functions stay (their table slots and signatures unchanged); their
// bodies become `unreachable`. Taking such a function's address (to store
// it in the erased view) does not keep it, since only those paths call
// through it; being called from code outside them does (the synchronous
// `hydrate` calls helpers defined inside `hydrate_async`): the linker's
// relocations say who calls whom. Should a page ever take either path, it
// stops with a trap in the console, which every browser test of an island
// would catch.
//
// The linker's relocations (`reloc.CODE`, kept for wasm-split-cli) point
// into the code section: those inside a replaced body go, the others move
// with their function.
import { writeFileSync } from "node:fs";
import { leb, readLeb, readModuleArgs, readName, skipLeb } from "./wasm_bytes.mjs";

const { input, output, bytes } = readModuleArgs(".ci/drop_hydration_paths.mjs");

// The sections, in order: id, payload bounds, and a custom section's name.
const sections = [];
for (let pos = 8; pos < bytes.length; ) {
  const id = bytes[pos];
  const [size, start] = readLeb(bytes, pos + 1);
  const section = { id, head: pos, start, end: start + size };
  if (id === 0) [section.name, section.content] = readName(bytes, start);
  sections.push(section);
  pos = section.end;
}
const codeIndex = sections.findIndex((s) => s.id === 10);
const names = sections.find((s) => s.id === 0 && s.name === "name");
if (codeIndex < 0 || !names) {
  console.error(`${input}: needs a code section and a name section (build without stripping)`);
  process.exit(1);
}

// Imported functions come first in the function index space.
let imported = 0;
const imports = sections.find((s) => s.id === 2);
if (imports) {
  let [count, p] = readLeb(bytes, imports.start);
  for (let i = 0; i < count; i++) {
    [, p] = readName(bytes, p);
    [, p] = readName(bytes, p);
    const kind = bytes[p++];
    if (kind === 0) {
      imported++;
      p = skipLeb(bytes, p);
    } else if (kind === 1 || kind === 2) {
      if (kind === 1) p++;
      const [flags, q] = readLeb(bytes, p);
      p = skipLeb(bytes, q);
      if (flags & 1) p = skipLeb(bytes, p);
    } else if (kind === 3) {
      p += 2;
    } else if (kind === 4) {
      p = skipLeb(bytes, p + 1);
    } else {
      throw new Error(`unknown import kind ${kind}`);
    }
  }
}

// Function names (subsection 1 of the name section).
const nameOf = new Map();
for (let p = names.content; p < names.end; ) {
  const sub = bytes[p];
  const [size, start] = readLeb(bytes, p + 1);
  if (sub === 1) {
    let [count, q] = readLeb(bytes, start);
    for (let i = 0; i < count; i++) {
      let index;
      let text;
      [index, q] = readLeb(bytes, q);
      [text, q] = readName(bytes, q);
      nameOf.set(index, text);
    }
  }
  p = start + size;
}

// Function symbols of the linking section's symbol table (subsection 8):
// relocations name symbols, not functions.
const linking = sections.find((s) => s.id === 0 && s.name === "linking");
if (!linking) {
  console.error(`${input}: needs the linker's "linking" section (--emit-relocs)`);
  process.exit(1);
}
const functionOfSymbol = new Map();
{
  let p = skipLeb(bytes, linking.content); // version
  while (p < linking.end) {
    const sub = bytes[p];
    const [size, start] = readLeb(bytes, p + 1);
    if (sub === 8) {
      let [count, q] = readLeb(bytes, start);
      for (let symbol = 0; symbol < count; symbol++) {
        const kind = bytes[q++];
        let flags;
        [flags, q] = readLeb(bytes, q);
        const undefinedSymbol = flags & 0x10;
        const explicitName = flags & 0x40;
        if (kind === 0 || kind === 2 || kind === 4 || kind === 5) {
          let index;
          [index, q] = readLeb(bytes, q);
          if (!undefinedSymbol || explicitName) [, q] = readName(bytes, q);
          if (kind === 0) functionOfSymbol.set(symbol, index);
        } else if (kind === 1) {
          [, q] = readName(bytes, q);
          if (!undefinedSymbol) {
            q = skipLeb(bytes, q);
            q = skipLeb(bytes, q);
            q = skipLeb(bytes, q);
          }
        } else if (kind === 3) {
          q = skipLeb(bytes, q);
        } else {
          throw new Error(`unknown symbol kind ${kind}`);
        }
      }
    }
    p = start + size;
  }
}

const code = sections[codeIndex];
const [count, firstBody] = readLeb(bytes, code.start);
// Each body's bounds (offsets in the code payload) and name.
const bodies = [];
for (let i = 0, p = firstBody; i < count; i++) {
  const [size, body] = readLeb(bytes, p);
  bodies.push({ from: p - code.start, to: body + size - code.start, size, name: nameOf.get(imported + i) ?? "" });
  p = body + size;
}
// The body holding a code offset.
function bodyAt(offset) {
  let lo = 0;
  let hi = bodies.length - 1;
  if (offset < bodies[0].from) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bodies[mid].from <= offset) lo = mid;
    else hi = mid - 1;
  }
  if (offset >= bodies[lo].to) throw new Error(`relocation at ${offset} is past the code`);
  return lo;
}

// Relocation types with an addend (LLVM's WasmRelocs.def), and those that
// call a function from code.
const ADDEND = new Set([3, 4, 5, 8, 9, 11, 14, 15, 16, 17, 21, 22, 23, 25]);
const CALLS = new Set([0, 26]);
function* relocationsOf(section) {
  let [target, p] = readLeb(bytes, section.content);
  let entries;
  [entries, p] = readLeb(bytes, p);
  for (let i = 0; i < entries; i++) {
    const type = bytes[p];
    const [offset, q] = readLeb(bytes, p + 1);
    const [index, r0] = readLeb(bytes, q);
    const r = ADDEND.has(type) ? skipLeb(bytes, r0) : r0;
    yield { target, type, offset, index, tail: bytes.subarray(q, r) };
    p = r;
  }
}
const codeRelocs = sections.filter(
  (s) => s.id === 0 && s.name.startsWith("reloc.") && readLeb(bytes, s.content)[0] === codeIndex,
);
// Who calls whom: callee function → bodies that call it.
const referrers = new Map();
for (const section of codeRelocs) {
  for (const r of relocationsOf(section)) {
    if (!CALLS.has(r.type)) continue;
    const callee = functionOfSymbol.get(r.index);
    if (callee === undefined || callee < imported) continue;
    const list = referrers.get(callee - imported) ?? [];
    list.push(bodyAt(r.offset));
    referrers.set(callee - imported, list);
  }
}

// Both paths by name, less what the rest of the code calls: the
// synchronous `hydrate` shares helpers with the asynchronous one
// (`hydrate_async::{closure}::inner_1`). Repeated until nothing more is
// kept.
const PATHS = /hydrate_async|hydrate_from_template/;
const dropped = new Set(bodies.flatMap((b, i) => (PATHS.test(b.name) && b.size > 3 ? [i] : [])));
for (let changed = true; changed; ) {
  changed = false;
  for (const i of dropped) {
    if ((referrers.get(i) ?? []).some((caller) => !dropped.has(caller))) {
      dropped.delete(i);
      changed = true;
    }
  }
}

// The trap: no locals, `unreachable`, `end`.
const TRAP = Buffer.from([0x00, 0x00, 0x0b]);
const pieces = [bytes.subarray(code.start, firstBody)];
// How far each body moved; null for a replaced one.
const shifts = [];
let grown = 0;
let droppedBytes = 0;
for (const [i, b] of bodies.entries()) {
  if (dropped.has(i)) {
    const piece = Buffer.concat([leb(TRAP.length), TRAP]);
    pieces.push(piece);
    shifts.push(null);
    grown += piece.length - (b.to - b.from);
    droppedBytes += b.size;
  } else {
    pieces.push(bytes.subarray(code.start + b.from, code.start + b.to));
    shifts.push(grown);
  }
}
const payload = Buffer.concat(pieces);

// Where a code offset went: null inside a replaced body.
function moved(offset) {
  const i = bodyAt(offset);
  if (i < 0) return offset;
  return shifts[i] === null ? null : offset + shifts[i];
}

function relocations(section) {
  const [target] = readLeb(bytes, section.content);
  if (target !== codeIndex) return null;
  const kept = [];
  for (const r of relocationsOf(section)) {
    const where = moved(r.offset);
    if (where !== null) kept.push(Buffer.from([r.type]), leb(where), r.tail);
  }
  const head = bytes.subarray(section.start, section.content);
  return Buffer.concat([head, leb(target), leb(kept.length / 3), ...kept]);
}

const out = [bytes.subarray(0, 8)];
for (const [i, s] of sections.entries()) {
  let body = bytes.subarray(s.start, s.end);
  if (i === codeIndex) body = payload;
  else if (s.id === 0 && s.name.startsWith("reloc.")) body = relocations(s) ?? body;
  out.push(Buffer.from([s.id]), leb(body.length), body);
}
writeFileSync(output, Buffer.concat(out));
console.log(
  `  hydration paths islands never take dropped: ${dropped.size} functions, ${(droppedBytes / 1024).toFixed(0)} KB of code`,
);
