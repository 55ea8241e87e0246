// Bounds on a scenario that no lesson needs to exceed (FORMAT.md "Limits").
//
// A scenario file, a lesson or a shared run link may come from anyone. Each
// bound below keeps one kind of value from turning into unbounded work or
// memory, or into a number the engine cannot represent (virtual time is whole
// µs in a safe integer, docs/architecture.md "Engine"). The validator refuses
// a value past a bound with its path; the work estimate (work.ts) then bounds
// what the values do together.

export const LIMITS = {
  nodes: 200,
  links: 400,
  interfacesPerNode: 16,
  securityAssociations: 2000,
  flows: 100,
  moves: 1000,
  faults: 200,
  adversaryActions: 200,
  /** Node ids listed in one setting (masterKeyPeers, foreignAgentPublicKeys, bindingWarningTargets). */
  listedPerSetting: 200,
  /** One virtual day: long enough to watch lifetimes run out many times over. */
  maxDurationS: 86_400,
  /** A run shorter than a millisecond shows nothing; 0 µs is no run at all. */
  minDurationS: 0.001,
  /** A flow sends at most 1000 datagrams a second: its interval never rounds to 0 µs. */
  minFlowIntervalMs: 1,
  maxFlowIntervalMs: 3_600_000,
  maxFlowCount: 1_000_000,
  /** Agent Advertisements at most ten a second; RFC 1256 §4.1 allows at most 1800 s between them. */
  minAdvertiseIntervalS: 0.1,
  maxAdvertiseIntervalS: 1800,
  /** Link delays and injected delays: from 1 µs (the worker fabric's lookahead) to a minute. */
  maxDelayMs: 60_000,
  /** 1 kbit/s: a 1500-octet frame takes 12 s; slower would stall every queue behind it. */
  minBandwidthBps: 1_000,
  maxBandwidthBps: 1e12,
  /** The canvas is about 1000 × 600; positions and radii stay within a generous margin of it. */
  maxCoordinate: 10_000,
  maxIdLength: 64,
  maxTitleLength: 120,
  maxLabelLength: 120,
  maxDescriptionLength: 4000,
  /**
   * A whole file, in characters: a scenario at every other limit is well
   * under it, and reading this much takes the page's main thread well under
   * a tenth of a second.
   */
  maxFileCharacters: 2_000_000,
  /**
   * Unix milliseconds at virtual time 0: NTP timestamps count seconds from
   * 1900 in 32 bits (RFC 2002 §5.6.1), so era 0 ends in February 2036.
   */
  maxEpochMs: 2_085_978_495_000,
} as const;

/** Characters refused in ids: C0 and C1 controls, DEL, and the bidirectional overrides that reorder text on screen. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** The first control character in `text`, as "U+001B", or undefined. */
export function controlCharacterIn(text: string): string | undefined {
  const m = CONTROL.exec(text);
  return m === null ? undefined : `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
