// One correctly authenticated instance of every message and extension the lab
// speaks, each inside the IPv4 / UDP / ICMP headers — and the tunnel — it
// really travels in. Used by `mip-lab sample-capture`, the tshark conformance
// test, and the decoder page's sample picker.

import { rsaOaepEncrypt } from '../crypto/rsa-oaep';
import { publicKeyOf } from '../crypto/rsa-key';
import { encodeRsaPublicKeyDer } from '../crypto/rsa-spki';
import { dhValueBytes } from '../crypto/diffie-hellman';
import { sealMessage, type SealSecrets } from '../crypto/seal';
import { agentSolicitation } from '../wire/agent-solicitation';
import { routerEntry } from '../wire/agent-advertisement';
import { NO_AGENT_FLAGS } from '../wire/advertisement-extensions';
import { icmpDatagram, udpDatagram, type DatagramHeader } from '../wire/datagram';
import type { MipExtension } from '../wire/mip/extensions/mip-extension';
import { bindingAcknowledge } from '../wire/mip/binding-acknowledge';
import { bindingRequest } from '../wire/mip/binding-request';
import { bindingUpdate } from '../wire/mip/binding-update';
import { bindingWarning } from '../wire/mip/binding-warning';
import { registrationReply } from '../wire/mip/registration-reply';
import { registrationRequest } from '../wire/mip/registration-request';
import type { MipMessage } from '../wire/mip/mip-message';
import { ADDR, createSampleWorld, type SampleWorld } from './sample-world';
import { tunnelledSamples } from './sample-tunnels';

export interface SamplePacket {
  /** Unique, e.g. "Registration Request (MN → FA2, Diffie-Hellman key request + PFAN)". */
  readonly name: string;
  /** The link it was captured on (one pcapng interface per link). */
  readonly link: string;
  /** Where this message and its placement come from. */
  readonly ref: string;
  readonly bytes: Uint8Array;
}

const MIP_PORT = 434; // RFC 2002 §1.9; OC-07
const MN_PORT = 49152; // RFC 2002 §3.6.1.2: any source port; the lab uses the ephemeral range
const AUTH16 = () => new Uint8Array(16); // filled by sealMessage

const auth = (kind: 'mobile-home-auth' | 'mobile-foreign-auth' | 'foreign-home-auth' | 'ro-auth', spi: number): MipExtension => ({ kind, spi, authenticator: AUTH16() });

export const LINKS = {
  foreign2: 'FA2 link (MN ↔ FA2)',
  faHa: 'FA2 ↔ HA path',
  home: 'home link (MN ↔ HA)',
  haCn: 'HA ↔ CN path',
  fa1: 'FA1 ↔ HA / FA2 path',
  toCoa: 'tunnels to the care-of address',
} as const;

export function buildSamplePackets(options: { readonly seed: number }): SamplePacket[] {
  const w = createSampleWorld(options.seed);
  return [...discovery(), ...registration(w), ...routeOptimization(w), ...tunnelledSamples(w)];
}

function mip(name: string, link: string, ref: string, header: DatagramHeader, ports: [number, number], message: MipMessage, secrets: SealSecrets = {}): SamplePacket {
  return { name, link, ref, bytes: udpDatagram(header, ports[0], ports[1], sealMessage(message, secrets)) };
}

function discovery(): SamplePacket[] {
  const advertisement = {
    kind: 'agent-advertisement' as const,
    code: 0,
    addressEntrySize: 2,
    lifetime: 3, // OC-32: ICMP Lifetime 3 s, interval 1 s
    routers: [routerEntry(ADDR.fa2, 0)],
    extensions: [
      { kind: 'mobility-agent' as const, sequenceNumber: 0, registrationLifetime: 300, flags: { ...NO_AGENT_FLAGS, foreignAgent: true, smoothHandoff: true }, careOfAddresses: [ADDR.fa2] },
      { kind: 'prefix-lengths' as const, prefixLengths: [24] },
      { kind: 'padding' as const },
    ],
  };
  return [
    { name: 'Agent Advertisement (FA2, F + S bits, Prefix-Lengths, padding)', link: LINKS.foreign2, ref: 'RFC 2002 §2.1; optim-08 §5.2 (S bit)', bytes: icmpDatagram({ source: ADDR.fa2, destination: '224.0.0.1', ttl: 1 }, advertisement) },
    { name: 'Agent Solicitation (MN)', link: LINKS.foreign2, ref: 'RFC 2002 §2.2; RFC 1256', bytes: icmpDatagram({ source: ADDR.mnHome, destination: '224.0.0.2', ttl: 1 }, { kind: 'router-solicitation', ...agentSolicitation() }) },
  ];
}

function registration(w: SampleWorld): SamplePacket[] {
  const id = w.requestId;
  const dh = w.dh;
  const dhOffer: MipExtension = { kind: 'registration-key-request', diffieHellman: { prime: dhValueBytes(dh.group, dh.group.p), generator: dhValueBytes(dh.group, dh.group.g), computedValue: dhValueBytes(dh.group, dh.X) } };
  const noDhOffer: MipExtension = { kind: 'registration-key-request', diffieHellman: null };
  const mnPublicKey: MipExtension = { kind: 'mn-public-key', publicKey: encodeRsaPublicKeyDer(publicKeyOf(w.mnRsa)) };
  const bwExt: MipExtension = { kind: 'binding-warning-extension', reserved: 0, homeAddress: ADDR.mnHome, targets: [ADDR.cn] };
  const pfan: MipExtension = { kind: 'previous-fa-notification', cacheLifetime: w.mnFa1.cacheLifetime, previousForeignAgent: ADDR.fa1, newCareOfAddress: ADDR.fa2, spi: w.mnFa1.spi, authenticator: pfanAuthenticator(w) };
  const dhReply: MipExtension = { kind: 'dh-key-reply', spi: w.newKeySpi, computedValue: dhValueBytes(dh.group, dh.Y) };
  const mnPkReply: MipExtension = { kind: 'mn-public-key-reply', spi: w.newKeySpi, encryptedKey: rsaOaepEncrypt(publicKeyOf(w.mnRsa), w.faChosenKey, w.random) };
  const rrq = (extensions: MipExtension[]) => registrationRequest({ lifetime: 300, homeAddress: ADDR.mnHome, homeAgent: ADDR.ha, careOfAddress: ADDR.fa2, identification: id, extensions });
  const rrp = (code: number, extensions: MipExtension[]) => registrationReply({ code, lifetime: code === 0 ? 300 : 0, homeAddress: ADDR.mnHome, homeAgent: ADDR.ha, identification: id, extensions });
  const mh = { key: w.mnHa.key };
  const toFa = { source: ADDR.mnHome, destination: ADDR.fa2, ttl: 1 }; // OC-08: TTL 1 on the local link
  const toHa = { source: ADDR.fa2, destination: ADDR.ha };
  const fromHa = { source: ADDR.ha, destination: ADDR.fa2 };
  const kdc = { 'home-mobile-key-reply': { secret: w.mnHa.key, key: w.haChosenKey }, 'fa-key-reply': { secret: w.faHa.key, key: w.haChosenKey } };
  return [
    mip('Registration Request (MN → FA2: BW extension, DH key request, PFAN)', LINKS.foreign2, 'RFC 2002 §3.3, §3.6.1.3; optim-08 §6; regkey-00 §4.4; optim-08 §5.1; lab choice', toFa, [MN_PORT, MIP_PORT],
      rrq([bwExt, dhOffer, auth('mobile-home-auth', w.mnHa.spi), pfan, auth('mobile-foreign-auth', w.mnFa.spi)]), { auth: { 'mobile-home-auth': mh, 'mobile-foreign-auth': { key: w.mnFa.key } } }),
    mip('Registration Request (MN → FA2: configured MN–FA association, no key needed)', LINKS.foreign2, 'RFC 2002 §3.3, §3.5.3; regkey-00 §6 (method 1: existing MSA)', toFa, [MN_PORT, MIP_PORT],
      rrq([auth('mobile-home-auth', w.mnHa.spi), auth('mobile-foreign-auth', w.mnFa.spi)]), { auth: { 'mobile-home-auth': mh, 'mobile-foreign-auth': { key: w.mnFa.key } } }),
    mip('Registration Request relayed (FA2 → HA: Foreign-Home authenticated)', LINKS.faHa, 'RFC 2002 §3.7.2.2, §3.5.4', toHa, [MIP_PORT, MIP_PORT],
      rrq([auth('mobile-home-auth', w.mnHa.spi), auth('foreign-home-auth', w.faHa.spi)]), { auth: { 'mobile-home-auth': mh, 'foreign-home-auth': { key: w.faHa.key } } }),
    mip('Registration Reply (HA → FA2: accepted, no key)', LINKS.faHa, 'RFC 2002 §3.4, §3.8.3', fromHa, [MIP_PORT, MIP_PORT],
      rrp(0, [auth('mobile-home-auth', w.mnHa.spi), auth('foreign-home-auth', w.faHa.spi)]), { auth: { 'mobile-home-auth': mh, 'foreign-home-auth': { key: w.faHa.key } } }),
    mip('Registration Request (MN → FA2: MN public key)', LINKS.foreign2, 'regkey-00 §4.2 (114); lab choice', toFa, [MN_PORT, MIP_PORT],
      rrq([mnPublicKey, auth('mobile-home-auth', w.mnHa.spi)]), { auth: { 'mobile-home-auth': mh } }),
    mip('Registration Request relayed (FA2 → HA: Diffie-Hellman Key Reply)', LINKS.faHa, 'RFC 2002 §3.7.2.2; regkey-00 §5.5 (124); lab choice', toHa, [MIP_PORT, MIP_PORT],
      rrq([bwExt, dhOffer, auth('mobile-home-auth', w.mnHa.spi), dhReply, auth('foreign-home-auth', w.faHa.spi)]), { auth: { 'mobile-home-auth': mh, 'foreign-home-auth': { key: w.faHa.key } } }),
    mip('Registration Request relayed (FA2 → HA: FA Key Request, HA as key distributor)', LINKS.faHa, 'regkey-00 §4.1 (113), §8.1', toHa, [MIP_PORT, MIP_PORT],
      rrq([noDhOffer, auth('mobile-home-auth', w.mnHa.spi), { kind: 'fa-key-request', spi: w.faHa.spi }, auth('foreign-home-auth', w.faHa.spi)]), { auth: { 'mobile-home-auth': mh, 'foreign-home-auth': { key: w.faHa.key } } }),
    mip('Registration Request relayed (FA2 → HA: FA Public Key)', LINKS.faHa, 'regkey-00 §4.3 (115); lab choice', toHa, [MIP_PORT, MIP_PORT],
      rrq([noDhOffer, auth('mobile-home-auth', w.mnHa.spi), { kind: 'fa-public-key', spi: w.newKeySpi, publicKey: encodeRsaPublicKeyDer(publicKeyOf(w.faRsa)) }]), { auth: { 'mobile-home-auth': mh } }),
    mip('Registration Request relayed (FA2 → HA: MN Public Key Reply)', LINKS.faHa, 'regkey-00 §5.3 (122); lab choice', toHa, [MIP_PORT, MIP_PORT],
      rrq([mnPublicKey, auth('mobile-home-auth', w.mnHa.spi), mnPkReply]), { auth: { 'mobile-home-auth': mh } }),
    mip('Registration Reply (HA → FA2: Home-Mobile + FA Key Replies, SPI)', LINKS.faHa, 'regkey-00 §5.1, §5.2, §5.6, §7.1 (120, 121, 125); lab choice', fromHa, [MIP_PORT, MIP_PORT],
      rrp(0, [{ kind: 'home-mobile-key-reply', spi: w.mnHa.spi, encryptedKey: AUTH16() }, { kind: 'spi', spi: w.newKeySpi }, { kind: 'fa-key-reply', spi: w.faHa.spi, encryptedKey: AUTH16() }, auth('mobile-home-auth', w.mnHa.spi), auth('foreign-home-auth', w.faHa.spi)]),
      { auth: { 'mobile-home-auth': mh, 'foreign-home-auth': { key: w.faHa.key } }, keyDelivery: kdc }),
    mip('Registration Reply (HA → FA2: FA Public Key Reply)', LINKS.faHa, 'regkey-00 §5.4 (123), §7.2; lab choice', fromHa, [MIP_PORT, MIP_PORT],
      rrp(0, [{ kind: 'home-mobile-key-reply', spi: w.mnHa.spi, encryptedKey: AUTH16() }, { kind: 'spi', spi: w.newKeySpi }, { kind: 'fa-public-key-reply', spi: w.newKeySpi, encryptedKey: rsaOaepEncrypt(publicKeyOf(w.faRsa), w.haChosenKey, w.random) }, auth('mobile-home-auth', w.mnHa.spi)]),
      { auth: { 'mobile-home-auth': mh }, keyDelivery: kdc }),
    mip('Registration Reply (HA → FA2: MN Public Key Reply copied)', LINKS.faHa, 'regkey-00 §7.1 (122 copied before MH auth); lab choice', fromHa, [MIP_PORT, MIP_PORT],
      rrp(0, [mnPkReply, auth('mobile-home-auth', w.mnHa.spi)]), { auth: { 'mobile-home-auth': mh } }),
    mip('Registration Reply (HA → FA2: Diffie-Hellman Key Reply copied)', LINKS.faHa, 'regkey-00 §7.1 (124 copied); RFC 2002 §3.8.3.3', fromHa, [MIP_PORT, MIP_PORT],
      rrp(0, [dhReply, auth('mobile-home-auth', w.mnHa.spi), auth('foreign-home-auth', w.faHa.spi)]), { auth: { 'mobile-home-auth': mh, 'foreign-home-auth': { key: w.faHa.key } } }),
    mip('Registration Reply relayed (FA2 → MN, Mobile-Foreign authenticated)', LINKS.foreign2, 'RFC 2002 §3.7.3.2', { source: ADDR.fa2, destination: ADDR.mnHome }, [MIP_PORT, MN_PORT],
      rrp(0, [dhReply, auth('mobile-home-auth', w.mnHa.spi), auth('mobile-foreign-auth', w.mnFa.spi)]), { auth: { 'mobile-home-auth': mh, 'mobile-foreign-auth': { key: w.mnFa.key } } }),
    mip('Registration Reply denied (HA: 133 identification mismatch)', LINKS.faHa, 'RFC 2002 §3.8.2.1, §5.6.1 (Code 133 carries the HA time)', fromHa, [MIP_PORT, MIP_PORT],
      registrationReply({ code: 133, lifetime: 0, homeAddress: ADDR.mnHome, homeAgent: ADDR.ha, identification: { high: 0xd5c1e2b0, low: id.low }, extensions: [auth('mobile-home-auth', w.mnHa.spi), auth('foreign-home-auth', w.faHa.spi)] }),
      { auth: { 'mobile-home-auth': mh, 'foreign-home-auth': { key: w.faHa.key } } }),
    mip('Registration Request (deregistration from home, BW extension)', LINKS.home, 'RFC 2002 §3.6.1.2, App. D.3; optim-08 §6; lab choice', { source: ADDR.mnHome, destination: ADDR.ha, ttl: 1 }, [MN_PORT, MIP_PORT],
      registrationRequest({ lifetime: 0, homeAddress: ADDR.mnHome, homeAgent: ADDR.ha, careOfAddress: ADDR.mnHome, identification: { high: id.high, low: id.low + 1 }, extensions: [bwExt, auth('mobile-home-auth', w.mnHa.spi)] }),
      { auth: { 'mobile-home-auth': mh } }),
  ];
}

/** The BU the new FA will build from the PFAN (OC-09), sealed with the MN–FA1 key: its authenticator goes in the PFAN (OC-10). */
export function smoothHandoffBindingUpdate(w: SampleWorld): MipMessage {
  return bindingUpdate({
    flags: { acknowledge: true, minimalEncapsulation: false, greEncapsulation: false, reserved: 0 },
    lifetime: w.mnFa1.cacheLifetime,
    homeAddress: ADDR.mnHome,
    careOfAddress: ADDR.fa2,
    identification: w.requestId,
    extensions: [auth('ro-auth', w.mnFa1.spi)],
  });
}

function pfanAuthenticator(w: SampleWorld): Uint8Array {
  const bytes = sealMessage(smoothHandoffBindingUpdate(w), { auth: { 'ro-auth': { key: w.mnFa1.key } } });
  return bytes.slice(bytes.length - 16);
}

function routeOptimization(w: SampleWorld): SamplePacket[] {
  const brId = { high: 0xd5c1e2a1, low: 0x00000001 }; // OC-40: an NTP timestamp
  const ro = { 'ro-auth': { key: w.haCn.key } };
  return [
    mip('Binding Warning (FA1 → HA, target CN)', LINKS.fa1, 'optim-08 §4.1, §3.1; spectun-00 §3.2; lab choice', { source: ADDR.fa1, destination: ADDR.ha }, [MIP_PORT, MIP_PORT],
      bindingWarning({ homeAddress: ADDR.mnHome, targets: [ADDR.cn] })),
    mip('Binding Request (CN → HA)', LINKS.haCn, 'optim-08 §4.2; lab choice', { source: ADDR.cn, destination: ADDR.ha }, [MIP_PORT, MIP_PORT],
      bindingRequest({ homeAddress: ADDR.mnHome, identification: brId })),
    mip('Binding Update (HA → CN, answering the Binding Request)', LINKS.haCn, 'optim-08 §4.3, §4.5; lab choice', { source: ADDR.ha, destination: ADDR.cn }, [MIP_PORT, MIP_PORT],
      bindingUpdate({ flags: { acknowledge: true, minimalEncapsulation: false, greEncapsulation: false, reserved: 0 }, lifetime: 300, homeAddress: ADDR.mnHome, careOfAddress: ADDR.fa2, identification: brId, extensions: [auth('ro-auth', w.haCn.spi)] }),
      { auth: ro }),
    mip('Binding Acknowledge (CN → HA)', LINKS.haCn, 'optim-08 §4.4; lab choice', { source: ADDR.cn, destination: ADDR.ha }, [MIP_PORT, MIP_PORT],
      bindingAcknowledge({ status: 0, homeAddress: ADDR.mnHome, identification: brId })),
    mip('Binding Update (FA2 → FA1, smooth handoff built from the PFAN)', LINKS.fa1, 'optim-08 §8.1; Perkins & Johnson §4.1; lab choice', { source: ADDR.fa2, destination: ADDR.fa1 }, [MIP_PORT, MIP_PORT],
      smoothHandoffBindingUpdate(w), { auth: { 'ro-auth': { key: w.mnFa1.key } } }),
  ];
}

