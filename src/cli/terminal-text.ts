// Text for a terminal is data, never commands to it. Titles, ids and labels
// come from scenario and lesson files anyone may write, and an escape
// sequence in one (ESC [ 2 J, a C1 CSI, a bidirectional override) would clear
// the screen, hide a line or reorder what the user reads. So every text the
// CLI writes passes through here: such characters are shown as \uXXXX, which
// is also how JSON spells them, so JSON output stays valid JSON.

/** C0 controls but tab and line feed, DEL, C1 controls, and the invisible bidirectional marks and overrides. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface Writable {
  write(s: string | Uint8Array): unknown;
}

/** A stream that escapes every text written to it; bytes (a capture file on stdout) pass unchanged. */
export function escapingStream(stream: Writable): Writable {
  return { write: (s) => stream.write(typeof s === 'string' ? escapeControls(s) : s) };
}
