// Copies a wasm module without the linker's custom sections (relocations,
// `linking`, names), which the wasm target keeps for wasm-split-cli
// (.cargo/config.toml) and which a bundle built without a split has no use
// for: wasm-bindgen and wasm-opt pass them through otherwise. Run it on
// wasm-bindgen's output: wasm-bindgen reads a custom section of its own.
//
//   node .ci/strip_sections.mjs IN.wasm OUT.wasm
import { writeFileSync } from "node:fs";
import { readLeb, readModuleArgs } from "./wasm_bytes.mjs";

const { input, output, bytes } = readModuleArgs(".ci/strip_sections.mjs");
// Custom sections that stay: the features the code was built for.
const KEEP = new Set(["target_features"]);
const parts = [bytes.subarray(0, 8)];
let pos = 8;
while (pos < bytes.length) {
  const [size, body] = readLeb(bytes, pos + 1);
  const end = body + size;
  if (end > bytes.length) {
    console.error(`${input}: section at byte ${pos} runs past the end`);
    process.exit(1);
  }
  let keep = true;
  if (bytes[pos] === 0) {
    const [len, name] = readLeb(bytes, body);
    keep = KEEP.has(bytes.subarray(name, name + len).toString("utf8"));
  }
  if (keep) parts.push(bytes.subarray(pos, end));
  pos = end;
}
writeFileSync(output, Buffer.concat(parts));
