// Turns tshark's `-T json --no-duplicate-keys -x` output into flat, typed
// frames. No I/O here, so the flattening is tested on a recorded sample
// without tshark installed.
//
// The JSON mirrors Wireshark's display tree: protocol layers ("ip", "udp",
// "mip") hold fields ("mip.life": "300"), bit-field subtrees ("mip.flags_tree"),
// text-labelled subtrees ("Extensions", "Ext: Mobility Agent Advertisement
// Extension"), raw octets ("mip.life_raw": [hex, offset, length, mask, type])
// and expert items ("_ws.expert": {field: "", message, severity, group}). A
// repeated key (two IP layers of a tunnelled packet, two authenticators)
// becomes an array. We keep every value, in tree order, under its field name.

export type ExpertSeverity = 'comment' | 'chat' | 'note' | 'warning' | 'error';

export interface TsharkExpertItem {
  /** The expert field, e.g. "ip.checksum_bad.expert", "_ws.malformed.expert". */
  readonly field: string;
  readonly message: string;
  readonly severity: ExpertSeverity | `unknown(${string})`;
  /** Wireshark's expert group, e.g. "checksum", "malformed", "sequence". */
  readonly group: string;
}

export interface TsharkRawValue {
  /** The field's octets as tshark shows them raw (for bit fields, the field value). */
  readonly hex: string;
  /** Offset in the frame (octet 0 = first octet of the captured packet). */
  readonly offset: number;
  readonly length: number;
  /** Bit mask for bit fields, 0 otherwise. */
  readonly mask: number;
}

export interface TsharkFrame {
  readonly number: number;
  /** From frame.protocols, e.g. ["ip", "udp", "mip"]. */
  readonly protocols: readonly string[];
  /** Field name → every value it had in this frame, in tree order. */
  readonly fields: Readonly<Record<string, readonly string[]>>;
  /** Field name → raw octets and frame offset of each occurrence. */
  readonly raw: Readonly<Record<string, readonly TsharkRawValue[]>>;
  readonly expert: readonly TsharkExpertItem[];
  /** Packet comments (opt_comment in the capture). */
  readonly comments: readonly string[];
}

// epan/proto.h: severities and groups are bit fields of one 32-bit value.
const SEVERITIES: Record<number, ExpertSeverity> = { 0x00100000: 'comment', 0x00200000: 'chat', 0x00400000: 'note', 0x00600000: 'warning', 0x00800000: 'error' };
const GROUPS: Record<number, string> = {
  0x01000000: 'checksum', 0x02000000: 'sequence', 0x03000000: 'response-code', 0x04000000: 'request-code', 0x05000000: 'undecoded',
  0x06000000: 'reassemble', 0x07000000: 'malformed', 0x08000000: 'debug', 0x09000000: 'protocol', 0x0a000000: 'security',
  0x0b000000: 'comment', 0x0c000000: 'decryption', 0x0d000000: 'assumption', 0x0e000000: 'deprecated', 0x0f000000: 'receive',
  0x10000000: 'interface', 0x11000000: 'dissector-bug',
};

const EXPERT_KEY = '_ws.expert';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class FrameBuilder {
  readonly fields: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  readonly raw: Record<string, TsharkRawValue[]> = Object.create(null) as Record<string, TsharkRawValue[]>;
  readonly expert: TsharkExpertItem[] = [];

  walk(tree: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(tree)) {
      if (key === EXPERT_KEY) this.addExpert(value);
      else if (key.endsWith('_raw')) this.addRaw(key.slice(0, -4), value);
      else this.visit(key, value);
    }
  }

  private visit(key: string, value: unknown): void {
    if (typeof value === 'string') (this.fields[key] ??= []).push(value);
    else if (Array.isArray(value)) for (const v of value) this.visit(key, v);
    else if (isObject(value)) this.walk(value); // a protocol layer, a *_tree or a text-labelled subtree
  }

  private addRaw(name: string, value: unknown): void {
    if (!Array.isArray(value)) return;
    if (Array.isArray(value[0])) {
      for (const v of value) this.addRaw(name, v); // repeated field: a list of raw tuples
      return;
    }
    const [hex, offset, length, mask] = value as unknown[];
    if (typeof hex !== 'string') return;
    (this.raw[name] ??= []).push({ hex, offset: Number(offset), length: Number(length), mask: Number(mask ?? 0) });
  }

  private addExpert(value: unknown): void {
    if (Array.isArray(value)) {
      for (const v of value) this.addExpert(v);
      return;
    }
    if (!isObject(value)) return;
    const field = Object.keys(value).find((k) => !k.startsWith(EXPERT_KEY) && !k.endsWith('_raw')) ?? '';
    const severityCode = Number(value[`${EXPERT_KEY}.severity`]);
    const groupCode = Number(value[`${EXPERT_KEY}.group`]);
    this.expert.push({
      field,
      message: String(value[`${EXPERT_KEY}.message`] ?? ''),
      severity: SEVERITIES[severityCode] ?? `unknown(0x${severityCode.toString(16)})`,
      group: GROUPS[groupCode] ?? `unknown(0x${groupCode.toString(16)})`,
    });
  }
}

function malformedOutput(what: string): Error {
  return new Error(`unexpected tshark JSON: ${what}`);
}

/** Parses the whole `-T json` document (an array of packets). Throws on a shape tshark never produces. */
export function parseTsharkJson(json: unknown): TsharkFrame[] {
  if (!Array.isArray(json)) throw malformedOutput('the document is not an array of packets');
  return json.map((packet, i) => {
    const layers = isObject(packet) && isObject(packet._source) ? packet._source.layers : undefined;
    if (!isObject(layers)) throw malformedOutput(`packet ${i} has no _source.layers object`);
    const b = new FrameBuilder();
    b.walk(layers);
    return {
      number: Number(b.fields['frame.number']?.[0] ?? i + 1),
      protocols: (b.fields['frame.protocols']?.[0] ?? '').split(':').filter((p) => p !== ''),
      fields: b.fields,
      raw: b.raw,
      expert: b.expert,
      comments: b.fields['frame.comment'] ?? [],
    };
  });
}

/** The first value of a field, or undefined if the frame does not have it. */
export function fieldValue(frame: TsharkFrame, name: string): string | undefined {
  return frame.fields[name]?.[0];
}

/** Every value of a field (empty if absent). */
export function fieldValues(frame: TsharkFrame, name: string): readonly string[] {
  return frame.fields[name] ?? [];
}

/**
 * Expert items that mean "this packet is wrong": bad checksums, malformed
 * packets, and anything of warning or error severity. Notes such as tshark's
 * '"Time To Live" only 1' (expected for agent discovery, RFC 2002 §2.1) and
 * the packet comments themselves are not problems.
 */
export function problems(frame: TsharkFrame): TsharkExpertItem[] {
  return frame.expert.filter((e) => e.group === 'checksum' || e.group === 'malformed' || e.severity === 'warning' || e.severity === 'error');
}
