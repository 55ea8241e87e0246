import { useMemo } from 'react';
import { buildSamplePackets, type SamplePacket } from '../../engine/samples/sample-packets';

/** The lab's sample messages, built once per page (RSA key generation takes a moment). */
export function useSamplePackets(): readonly SamplePacket[] {
  return useMemo(() => {
    try {
      return buildSamplePackets({ seed: 1 });
    } catch (e) {
      console.warn('could not build the sample messages:', e);
      return [];
    }
  }, []);
}
