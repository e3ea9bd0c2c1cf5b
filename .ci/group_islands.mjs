// Puts the lazily loaded islands (`#[island(lazy)]`) into a few download
// groups before the wasm is split, so that a page fetches one file of code
// for what it shows instead of one per island and dozens of small shared
// pieces.
//
//   node .ci/group_islands.mjs IN.wasm OUT.wasm
//
// Leptos marks each lazy island as a split point of its own: the wasm
// imports `__wasm_split_00<module>00_import_<id>_<fn>`, exports the matching
// `…_export_…`, and imports the loader `__wasm_split_load_<module>`, where
// <module> is `<island>_loader_<number>`. `wasm-split-cli` makes one file per
// module and one more per set of modules sharing code, so 18 islands made
// 560 files. Renaming each island's module to its group's name (only these
// import and export names change; nothing refers to them by position) makes
// the islands of a group one module. An island with no group here stops the
// build: add it where the people who use it will find it.
import { writeFileSync } from "node:fs";
import { leb, name, readLeb, readModuleArgs, readName } from "./wasm_bytes.mjs";

// Group → islands (snake case, as Leptos names their loaders). The one
// island that is not lazy (the sign-in page's password field) is in the
// main wasm. The referee's form is in a bundle of its own (`build_site`).
const GROUPS = {
  // The interviewer's live scoring.
  scoring: ["scoring_view"],
  // Candidates, their references and summaries.
  candidate: [
    "status_picker",
    "schedule_form",
    "references_panel",
    "candidate_data",
    "decision_panel",
    "question_actions",
  ],
  // Building roles and guides, and calibration.
  editors: ["guide_editor", "role_view", "new_role_form", "role_calibration_view", "exercise_view"],
  // Accounts: one's own (password, time zone), a new one's first password,
  // and the admins' pages.
  accounts: ["time_zone_chooser", "change_password", "password_form", "users_page", "data_page"],
  // The offer of the browser's time zone: in the frame of every page, but
  // only while its reader has chosen none.
  zone: ["time_zone_offer"],
};

const { output, bytes } = readModuleArgs(".ci/group_islands.mjs");
const groupOf = new Map();
for (const [group, islands] of Object.entries(GROUPS)) {
  for (const island of islands) groupOf.set(island, group);
}

const unknown = new Set();
const used = new Set();
function rename(field) {
  let m = field.match(/^__wasm_split_00(.+?)_loader_\d+00_(import|export)_(.*)$/s);
  if (m) {
    const group = groupOf.get(m[1]);
    if (!group) return unknown.add(m[1]), field;
    used.add(group);
    return `__wasm_split_00${group}00_${m[2]}_${m[3]}`;
  }
  m = field.match(/^__wasm_split_load_(.+?)_loader_\d+$/);
  if (m) {
    const group = groupOf.get(m[1]);
    if (!group) return unknown.add(m[1]), field;
    return `__wasm_split_load_${group}`;
  }
  return field;
}

// The length of an import's description after its names.
function importDescEnd(buf, pos) {
  const kind = buf[pos++];
  const limits = (p) => {
    const [flags, q] = readLeb(buf, p);
    let [, r] = readLeb(buf, q);
    if (flags & 1) [, r] = readLeb(buf, r);
    return r;
  };
  switch (kind) {
    case 0: return readLeb(buf, pos)[1]; // function: type index
    case 1: return limits(pos + 1); // table: element type, limits
    case 2: return limits(pos); // memory: limits
    case 3: return pos + 2; // global: value type, mutability
    case 4: return readLeb(buf, pos + 1)[1]; // tag: attribute, type index
    default: throw new Error(`unknown import kind ${kind}`);
  }
}

const parts = [bytes.subarray(0, 8)];
let pos = 8;
while (pos < bytes.length) {
  const id = bytes[pos];
  const [size, start] = readLeb(bytes, pos + 1);
  const end = start + size;
  let body = bytes.subarray(start, end);
  if (id === 2 || id === 7) {
    const [count, first] = readLeb(body, 0);
    const entries = [leb(count)];
    let p = first;
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        const [module, q] = readName(body, p);
        const [field, r] = readName(body, q);
        const descEnd = importDescEnd(body, r);
        entries.push(name(module), name(rename(field)), body.subarray(r, descEnd));
        p = descEnd;
      } else {
        const [field, q] = readName(body, p);
        const [, r] = readLeb(body, q + 1);
        entries.push(name(rename(field)), body.subarray(q, r));
        p = r;
      }
    }
    body = Buffer.concat(entries);
  }
  parts.push(Buffer.from([id]), leb(body.length), body);
  pos = end;
}

if (unknown.size > 0) {
  console.error(
    `.ci/group_islands.mjs: lazy islands without a download group: ${[...unknown].join(", ")}`,
  );
  process.exit(1);
}
writeFileSync(output, Buffer.concat(parts));
console.log(`  lazy islands grouped: ${[...used].sort().join(", ")}`);
