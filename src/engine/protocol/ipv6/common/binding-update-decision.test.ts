import { describe, expect, it } from 'vitest';
import { EMPTY_ADDRESS_BINDINGS, registerBinding } from './address-bindings';
import { decideBindingUpdate, type BindingPolicy, type BindingUpdateSeen } from './binding-update-decision';

const S = 1_000_000;
const HOME: BindingPolicy = { kind: 'home', prefix: { network: '2001:db8:1::', prefixLength: 64 }, maxLifetimeS: 300 };
const COA = '2001:db8:2::200:ff:fe00:10';
const bu: BindingUpdateSeen = { source: COA, homeAddress: '2001:db8:1::10', sequence: 7, ack: true, homeRegistration: true, lifetimeUnits: 75 };

describe('a home agent decides on a Binding Update (RFC 6275 §10.3.1; RFC 6275 §10, §10.8)', () => {
  it('accepts a home registration and trims the lifetime to its maximum', () => {
    const d = decideBindingUpdate(HOME, EMPTY_ADDRESS_BINDINGS, { ...bu, lifetimeUnits: 200 }, 0);
    expect(d).toMatchObject({ kind: 'answer', status: 0, action: 'register', careOfAddress: COA, lifetimeUnits: 75, sequence: 7, acknowledge: true });
    expect(d.kind === 'answer' && d.reason).toContain('800 s asked, at most 300 s granted');
  });

  it('uses the Alternate Care-of Address option when present', () => {
    const d = decideBindingUpdate(HOME, EMPTY_ADDRESS_BINDINGS, { ...bu, alternateCareOf: '2001:db8:3::9' }, 0);
    expect(d.kind === 'answer' && d.careOfAddress).toBe('2001:db8:3::9');
  });

  it('refuses a home address outside its prefix with 132', () => {
    const d = decideBindingUpdate(HOME, EMPTY_ADDRESS_BINDINGS, { ...bu, homeAddress: '2001:db8:9::10' }, 0);
    expect(d).toMatchObject({ kind: 'answer', status: 132, action: 'none', acknowledge: true, lifetimeUnits: 0 });
    expect(d.kind === 'answer' && d.reason).toMatch(/^132 \(not home subnet\): the home address 2001:db8:9::10 is not in/);
  });

  it('refuses an old sequence number with 135 carrying the last accepted one', () => {
    const t = registerBinding(EMPTY_ADDRESS_BINDINGS, { address: bu.homeAddress, kind: 'home', careOfAddress: COA, sequence: 9, lifetimeS: 300, spi: 256 }, 0, 'x').table;
    const d = decideBindingUpdate(HOME, t, bu, S);
    expect(d).toMatchObject({ kind: 'answer', status: 135, sequence: 9 });
    expect(decideBindingUpdate(HOME, t, { ...bu, sequence: 10 }, S)).toMatchObject({ status: 0, action: 'register' });
    // once the binding expired, any sequence number starts afresh
    expect(decideBindingUpdate(HOME, t, bu, 300 * S)).toMatchObject({ status: 0, action: 'register' });
  });

  it('treats Lifetime 0, or the home address as care-of address, as a deregistration', () => {
    expect(decideBindingUpdate(HOME, EMPTY_ADDRESS_BINDINGS, { ...bu, lifetimeUnits: 0 }, 0)).toMatchObject({ status: 0, action: 'deregister', lifetimeUnits: 0 });
    expect(decideBindingUpdate(HOME, EMPTY_ADDRESS_BINDINGS, { ...bu, source: bu.homeAddress }, 0)).toMatchObject({ action: 'deregister' });
  });

  it('ignores a Binding Update without H', () => {
    expect(decideBindingUpdate(HOME, EMPTY_ADDRESS_BINDINGS, { ...bu, homeRegistration: false }, 0).kind).toBe('ignore');
  });

  it('as previous router, answers for an address in its cell prefix only', () => {
    const ar: BindingPolicy = { kind: 'previous-care-of', prefix: { network: '2001:db8:2::', prefixLength: 64 }, maxLifetimeS: 300 };
    const old = { ...bu, source: '2001:db8:3::200:ff:fe00:10', homeAddress: COA, lifetimeUnits: 5 };
    const d = decideBindingUpdate(ar, EMPTY_ADDRESS_BINDINGS, old, 0);
    expect(d).toMatchObject({ status: 0, action: 'register', careOfAddress: '2001:db8:3::200:ff:fe00:10', lifetimeUnits: 5 });
    expect(d.kind === 'answer' && d.ref).toContain('mipv6-07 §10.8');
    expect(decideBindingUpdate(ar, EMPTY_ADDRESS_BINDINGS, { ...old, homeAddress: '2001:db8:1::10' }, 0)).toMatchObject({ status: 132 });
  });
});
