// The few pieces of the wasm binary format the build's scripts read and
// write: LEB128 numbers, names, and a module read from a file.
import { readFileSync } from "node:fs";

/** The unsigned LEB128 number at `pos`, and the position after it. */
export function readLeb(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, pos];
  }
}

/** The position after the LEB128 number at `pos`. */
export function skipLeb(buf, pos) {
  while (buf[pos++] & 0x80);
  return pos;
}

/** `value` as unsigned LEB128. */
export function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

/** The name (length-prefixed UTF-8) at `pos`, and the position after it. */
export function readName(buf, pos) {
  const [len, start] = readLeb(buf, pos);
  return [buf.toString("utf8", start, start + len), start + len];
}

/** `text` as a name: its length, then its UTF-8 bytes. */
export function name(text) {
  const b = Buffer.from(text, "utf8");
  return Buffer.concat([leb(b.length), b]);
}

/**
 * The two paths of `node SCRIPT IN.wasm OUT.wasm`, and the input's bytes;
 * exits with a usage line or an error when they are not that.
 */
export function readModuleArgs(script) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error(`usage: node ${script} IN.wasm OUT.wasm`);
    process.exit(2);
  }
  const bytes = readFileSync(input);
  if (bytes.length < 8 || bytes.readUInt32LE(0) !== 0x6d736100) {
    console.error(`${input}: not a wasm module`);
    process.exit(1);
  }
  return { input, output, bytes };
}
