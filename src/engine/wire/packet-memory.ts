// Memory for packet bytes. Every datagram a node builds or forwards is a new
// Uint8Array; one above 64 octets gets its own ArrayBuffer with storage
// outside V8's heap, and making one (about 1 µs: the storage, its
// registration with the garbage collector, zero-filling) costs more than
// filling it. In one thread (the in-process simulation: headless runs and
// the in-page network), packets are instead cut from a shared block of
// SLAB_OCTETS, handed out once each, front to back, never reused: a block is
// freed when no packet cut from it is alive. The bytes are the same either
// way (zeros until written), and the engine never reads a packet's
// `.buffer` or `.byteOffset`; only its octets.
//
// Where packets leave the thread (the worker fabric, NodeWorld.framesLeaveThread),
// cutting stays off: a structured clone of a view copies its whole block,
// and a transferred buffer must be the packet's own. The node runner turns
// cutting on only while an in-process node handles one input (packetCutting),
// so code called from anywhere else (tests, the page) gets plain arrays.

/** The block packets are cut from; one bigger than PACKET_LIMIT gets its own array. */
const SLAB_OCTETS = 8192;
const PACKET_LIMIT = 1024;

let cutting = false;
let slab = new Uint8Array(0);
let used = 0;

/** Turns cutting on or off; returns what it was, to be put back. */
export function packetCutting(on: boolean): boolean {
  const was = cutting;
  cutting = on;
  return was;
}

/** `octets` zero bytes for a packet (new Uint8Array(octets), or a fresh cut of a block). */
export function packetBytes(octets: number): Uint8Array {
  if (!cutting || octets > PACKET_LIMIT) return new Uint8Array(octets);
  if (used + octets > slab.length) {
    slab = new Uint8Array(SLAB_OCTETS);
    used = 0;
  }
  const out = slab.subarray(used, used + octets);
  used += octets;
  return out;
}

/** A copy of bytes[start, end) in packet memory: bytes.slice(start, end) for 0 ≤ start ≤ end ≤ length. */
export function copyPacket(bytes: Uint8Array, start: number, end: number): Uint8Array {
  if (!cutting || end - start > PACKET_LIMIT) return bytes.slice(start, end);
  const e = Math.min(end, bytes.length); // slice's clamping
  const s = Math.min(start, e);
  const out = packetBytes(e - s);
  out.set(bytes.subarray(s, e));
  return out;
}
