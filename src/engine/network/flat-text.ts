// Trace text stored as one flat string. A line built with a template literal
// is, in V8, a tree of its pieces (one "cons" node per concatenation), and it
// stays a tree until something reads its characters. Trace events are kept
// for minutes of virtual time (HEADLESS_TRACE_RETENTION), so every
// node of every kept summary would be copied by the young-generation
// collector, promoted, and marked again: about ten small objects an event,
// more than the event itself. Reading one character makes the engine replace
// the tree by a single copy of the text, in place; the text is unchanged, so
// every consumer reads exactly what it read before. Other engines store
// strings their own way and lose nothing but the read.

/** Where the reads go: a store the optimising compiler must keep, so it keeps the read (never read back). */
let sink = 0;

/** `text`, as the same string value, flattened where the engine builds strings as trees. */
export function flatText(text: string): string {
  sink = (sink + text.charCodeAt(0)) | 0;
  return text;
}
