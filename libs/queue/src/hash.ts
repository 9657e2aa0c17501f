/**
 * MurmurHash3 x86_32 of a string's UTF-8 bytes.
 *
 * Why murmur3: it is fast, well distributed, has public test vectors and a
 * bit-exact definition, so every router and API process (and any future
 * port to another language) computes the same value. node:crypto would cost
 * a native call and a Buffer per key on the routing hot path.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

// Bound once: in a vm context (Jest) each global lookup such as `Math` goes
// through an interceptor and keeps the loop from being optimised (~100x).
const imul = Math.imul;
const encoder = new TextEncoder();
// Reused across calls so hashing allocates nothing once the buffer is large
// enough; safe because the function is synchronous.
let scratch = new Uint8Array(256);

export function murmur3(text: string, seed = 0): number {
  // A UTF-16 code unit never needs more than 3 UTF-8 bytes.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  const length = encoder.encodeInto(text, scratch).written;
  const bytes = scratch;

  let h = seed >>> 0;
  const tail = length & ~3;
  for (let i = 0; i < tail; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (imul(h, 5) + 0xe6546b64) | 0;
  }

  const rest = length & 3;
  if (rest > 0) {
    let k = bytes[tail];
    if (rest > 1) k ^= bytes[tail + 1] << 8;
    if (rest > 2) k ^= bytes[tail + 2] << 16;
    k = imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = imul(k, C2);
    h ^= k;
  }

  // Finalisation mix: forces every input bit to affect every output bit.
  h ^= length;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
