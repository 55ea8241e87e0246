// A tiny pcapng file assembled BY HAND from the pcapng block layouts
// (draft-ietf-opsawg-pcapng §4: SHB type 0x0A0D0D0A, byte-order magic
// 0x1A2B3C4D, version 1.0, section length -1; IDB type 1; EPB type 6; option
// codes opt_endofopt 0, opt_comment 1, shb_userappl 4, if_name 2,
// if_description 3, if_tsresol 9), little-endian. Shared by the writer test,
// the reader test and the tshark conformance test (which checks that tshark,
// an independent reader, agrees with this layout).

import { hexToBytes } from '../../wire/test-support/laws';
import type { PcapngCapture } from '../pcapng';
import { concatBytes } from '../../wire/bytes';

/** Hex with "|" comments: only what comes before the "|" on each line counts. */
function hex(text: string): Uint8Array {
  return hexToBytes(
    text
      .split('\n')
      .map((line) => line.split('|')[0]!)
      .join(' '),
  );
}

export const GOLDEN_SHB = hex(`
  0a 0d 0d 0a   28 00 00 00                 | block type, total length 40
  4d 3c 2b 1a   01 00 00 00                 | byte-order magic, version 1.0
  ff ff ff ff ff ff ff ff                   | section length -1
  04 00 03 00   6c 61 62 00                 | shb_userappl, 3 octets "lab" + 1 pad
  00 00 00 00                               | opt_endofopt
  28 00 00 00                               | total length again
`);

export const GOLDEN_IDB = hex(`
  01 00 00 00   30 00 00 00                 | block type 1, total length 48
  e4 00 00 00                               | link type 228 (LINKTYPE_IPV4), reserved
  ff ff 00 00                               | snap length 65535
  02 00 03 00   46 41 31 00                 | if_name "FA1" + 1 pad
  03 00 04 00   63 65 6c 6c                 | if_description "cell"
  09 00 01 00   06 00 00 00                 | if_tsresol 6 (microseconds) + 3 pad
  00 00 00 00                               | opt_endofopt
  30 00 00 00                               | total length again
`);

export const GOLDEN_EPB_WITH_COMMENT = hex(`
  06 00 00 00   38 00 00 00                 | block type 6, total length 56
  00 00 00 00                               | interface 0
  01 00 00 00   02 00 00 00                 | timestamp high 1, low 2: 2^32 + 2 µs
  05 00 00 00   05 00 00 00                 | captured 5, original 5
  45 00 00 05   ab 00 00 00                 | 5 packet octets + 3 pad
  01 00 07 00   52 52 51 20 c2 a7 33 00     | opt_comment "RRQ §3" (7 octets UTF-8) + 1 pad
  00 00 00 00                               | opt_endofopt
  38 00 00 00                               | total length again
`);

export const GOLDEN_EPB_NO_OPTIONS = hex(`
  06 00 00 00   24 00 00 00                 | block type 6, total length 36
  00 00 00 00                               | interface 0
  00 00 00 00   07 00 00 00                 | timestamp 7 µs
  04 00 00 00   04 00 00 00                 | captured 4, original 4
  de ad be ef                               | 4 packet octets, no pad
  24 00 00 00                               | no options at all; total length again
`);

export const GOLDEN_FILE = concatBytes(GOLDEN_SHB, GOLDEN_IDB, GOLDEN_EPB_WITH_COMMENT, GOLDEN_EPB_NO_OPTIONS);

/** What the golden file holds, in the writer's model. */
export const GOLDEN_CAPTURE: PcapngCapture = {
  application: 'lab',
  interfaces: [{ name: 'FA1', description: 'cell', linkType: 228, snapLength: 65535 }],
  packets: [
    { interfaceId: 0, timeMicros: 2 ** 32 + 2, bytes: Uint8Array.of(0x45, 0x00, 0x00, 0x05, 0xab), comment: 'RRQ §3' },
    { interfaceId: 0, timeMicros: 7, bytes: Uint8Array.of(0xde, 0xad, 0xbe, 0xef) },
  ],
};

/** The same file with every integer big-endian (magic 1a 2b 3c 4d), for the reader. */
export const GOLDEN_FILE_BIG_ENDIAN = hex(`
  0a 0d 0d 0a   00 00 00 1c                 | SHB, total length 28, no options
  1a 2b 3c 4d   00 01 00 00                 | magic, version 1.0
  ff ff ff ff ff ff ff ff                   | section length -1
  00 00 00 1c                               |
  00 00 00 01   00 00 00 20                 | IDB, total length 32
  00 e4 00 00   00 00 ff ff                 | link type 228, snap 65535
  00 02 00 03   46 41 31 00                 | if_name "FA1"
  00 00 00 00                               | opt_endofopt
  00 00 00 20                               |
  00 00 00 06   00 00 00 24                 | EPB, total length 36
  00 00 00 00                               | interface 0
  00 00 00 01   00 00 00 02                 | timestamp 2^32 + 2 (no if_tsresol: µs by default)
  00 00 00 04   00 00 00 04                 | captured 4, original 4
  de ad be ef                               |
  00 00 00 24                               |
`);

