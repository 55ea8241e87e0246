// Properties of the IPv6 correspondent under hostile input (RFC 4302 §3.4.4;
// RFC 6275 §9.5.1): whatever bytes arrive it answers with outputs, never an
// exception, and no change to an authenticated Binding Update — one flipped
// octet anywhere the ICV covers — ever moves the binding.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seconds } from '../../../node/time';
import { peekIpv6Binding } from './binding-cache-v6';
import { COA, HOME, OTHER_COA, bindingUpdate, correspondent, driver, fromMobileNode } from './test-support/cn6-fixture';

const T = seconds(10);

describe('IPv6 correspondent properties', () => {
  it('never throws on arbitrary bytes, and binds nothing from them', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (bytes) => {
      const d = driver(correspondent());
      const out = d.receive(bytes, T);
      expect(Array.isArray(out)).toBe(true);
      expect(d.state.cache.entries).toEqual({});
    }), { numRuns: 300 });
  });

  it('a Binding Update with any one octet changed (outside the mutable Traffic Class, Flow Label and Hop Limit) never moves the binding', () => {
    const genuine = fromMobileNode({ message: bindingUpdate({ sequence: 8 }), source: OTHER_COA, ah: { sequence: 2 } });
    fc.assert(fc.property(fc.integer({ min: 0, max: genuine.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
      fc.pre(at > 3 && at !== 7); // Traffic Class, Flow Label and Hop Limit may change on the way: AH leaves them out (RFC 4302 §3.3.3.1.1)
      const d = driver(correspondent());
      d.receive(fromMobileNode({ message: bindingUpdate({ sequence: 7 }), ah: { sequence: 1 } }), T);
      const changed = genuine.slice();
      changed[at] = changed[at]! ^ flip;
      d.receive(changed, T + 1);
      const entry = peekIpv6Binding(d.state.cache, HOME, T + 1);
      expect(entry?.careOfAddress).toBe(COA);
      expect(entry?.sequence).toBe(7);
    }), { numRuns: 300 });
  });
});
