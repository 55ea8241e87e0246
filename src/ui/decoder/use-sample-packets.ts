import { useMemo } from 'react';
import { buildAllSamplePackets } from '../../engine/samples/all-samples';
import type { SamplePacket } from '../../engine/samples/sample-packets';

/** The lab's sample messages, IPv4 then IPv6, built once per page (RSA key generation takes a moment). */
export function useSamplePackets(): readonly SamplePacket[] {
  return useMemo(() => {
    try {
      return buildAllSamplePackets({ seed: 1 });
    } catch (e) {
      console.warn('could not build the sample messages:', e);
      return [];
    }
  }, []);
}
