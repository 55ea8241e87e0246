import { describe, expect, it } from 'vitest';
import { EMPTY_ADDRESS_BINDINGS, bindingFor, expireBindings, isNewerSequence, nextBindingExpiry, registerBinding, removeBinding, type BindingRequest } from './address-bindings';

const S = 1_000_000;
const home: BindingRequest = { address: '2001:db8:1::10', kind: 'home', careOfAddress: '2001:db8:2::200:ff:fe00:10', sequence: 1, lifetimeS: 300, spi: 256 };

describe('home agent for an address: bindings (RFC 6275 §10.3.1, §9.5.1)', () => {
  it('adds, refreshes with a new care-of address, and reports each change', () => {
    const a = registerBinding(EMPTY_ADDRESS_BINDINGS, home, 2 * S, 'RFC 6275 §10.3.1');
    expect(a.changes.map((c) => c.kind)).toEqual(['added']);
    expect(bindingFor(a.table, home.address, 2 * S)?.expiresAt).toBe(302 * S);
    const b = registerBinding(a.table, { ...home, careOfAddress: '2001:db8:3::1:2', sequence: 2, lifetimeS: 20 }, 10 * S, 'RFC 6275 §10.3.1');
    expect(b.changes[0]!.kind).toBe('updated');
    expect(b.changes[0]!.reason).toContain('→ 2001:db8:3::1:2');
    expect(bindingFor(b.table, home.address, 29 * S)?.careOfAddress).toBe('2001:db8:3::1:2');
    expect(bindingFor(b.table, home.address, 30 * S)).toBeUndefined();
    expect(bindingFor(a.table, home.address, 2 * S)?.careOfAddress).toBe(home.careOfAddress); // copy-on-write
  });

  it('expires only what has run out, in order, and names the next expiry', () => {
    let t = registerBinding(EMPTY_ADDRESS_BINDINGS, home, 0, 'x').table;
    t = registerBinding(t, { ...home, address: '2001:db8:2::5', kind: 'previous-care-of', lifetimeS: 20 }, 0, 'x').table;
    expect(nextBindingExpiry(t)).toBe(20 * S);
    const e = expireBindings(t, 20 * S, 'RFC 6275 §10.3.1');
    expect(e.changes.map((c) => [c.kind, c.key])).toEqual([['expired', '2001:db8:2::5']]);
    expect(nextBindingExpiry(e.table)).toBe(300 * S);
    expect(nextBindingExpiry(EMPTY_ADDRESS_BINDINGS)).toBeNull();
  });

  it('removes on Lifetime 0 and refuses to store a zero lifetime', () => {
    const t = registerBinding(EMPTY_ADDRESS_BINDINGS, home, 0, 'x').table;
    const r = removeBinding(t, home.address, 'RFC 6275 §10.3.2', 'deregistration');
    expect(r.changes.map((c) => c.kind)).toEqual(['removed']);
    expect(bindingFor(r.table, home.address, 0)).toBeUndefined();
    expect(removeBinding(r.table, home.address, 'x', 'y').changes).toEqual([]);
    expect(() => registerBinding(t, { ...home, lifetimeS: 0 }, 0, 'x')).toThrow(/0 means delete/);
  });

  it('compares sequence numbers modulo 2^16 (RFC 6275 §9.5.1)', () => {
    expect(isNewerSequence(2, 1)).toBe(true);
    expect(isNewerSequence(1, 1)).toBe(false);
    expect(isNewerSequence(0, 0xffff)).toBe(true);
    expect(isNewerSequence(0x8000, 0)).toBe(false);
    expect(isNewerSequence(0x7fff, 0)).toBe(true);
    expect(isNewerSequence(5, 9)).toBe(false);
  });
});
