// flagLetters keeps the text per combination of flags; it must read as listing the set flags each time.
import { describe, expect, it } from 'vitest';
import { AGENT_ADVERTISEMENT_FLAGS, flagLetters, NO_AGENT_FLAGS, type AgentAdvertisementFlags } from './advertisement-extensions';

const reference = (flags: AgentAdvertisementFlags): string => {
  const set = AGENT_ADVERTISEMENT_FLAGS.filter((f) => flags[f.key]).map((f) => f.letter);
  return set.length > 0 ? set.join(' ') : 'none';
};

describe('flag letters', () => {
  it('lists the set flags in order, "none" when none is set, for every combination, asked twice', () => {
    for (let round = 0; round < 2; round++) {
      for (let bits = 0; bits < 1 << AGENT_ADVERTISEMENT_FLAGS.length; bits++) {
        const flags: Record<string, unknown> = { ...NO_AGENT_FLAGS };
        AGENT_ADVERTISEMENT_FLAGS.forEach((f, i) => {
          flags[f.key] = (bits & (1 << i)) !== 0;
        });
        const typed = flags as unknown as AgentAdvertisementFlags;
        expect(flagLetters(typed)).toBe(reference(typed));
      }
    }
    expect(flagLetters(NO_AGENT_FLAGS)).toBe('none');
  });
});
