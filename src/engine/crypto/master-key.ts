// Master-key derivation at the home agent (optim-08 App. A,
// Perkins & Johnson §5; optim-08 App. A): instead of storing one secret per
// correspondent or foreign agent, the HA derives each from one master key
//
//   nodeKey = MD5( addr ‖ masterKey ‖ addr )
//
// with addr = the other node's IPv4 address as 4 raw octets in network order
// (OC-35). The HA's administrator hands nodeKey to the other node out of band;
// that node configures it as an ordinary MSA.

import { addressBytes, type Ipv4Address } from '../wire/address';
import { md5Of } from './keyed-md5';

/** The 16-octet secret the HA shares with the node at `address` (OC-35). */
export function deriveNodeKey(masterKey: Uint8Array, address: Ipv4Address): Uint8Array {
  const addr = addressBytes(address); // OC-35: 4 raw octets, not the dotted text
  return md5Of(addr, masterKey, addr);
}
