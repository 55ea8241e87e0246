import { extensionName, extensionRef } from '../../engine/wire/mip/extensions/extension-types';
import type { KeyExchangeView } from './key-exchanges';
import { HexValue } from './HexValue';

// The values that crossed the wire in a key exchange: the Diffie-Hellman
// group, p, g, X = g^x mod p (MN → FA in the 116 extension) and Y = g^y mod p
// (FA → MN in 124) (Perkins & Johnson §6–§8; regkey-00 §3.3, §4.4, §5.5), and
// every key extension in wire order with its SPI and its (encrypted) value.

/** g travels as L octets, mostly zeros: read as a number it is 2 or 5. */
function generatorText(hex: string): string {
  const trimmed = hex.replace(/^0+/, '');
  return trimmed.length <= 12 ? `${BigInt(`0x${trimmed || '0'}`)} (sent as ${hex.length / 2} octets)` : hex;
}

export function ExchangedValues({ x, presentation }: { readonly x: KeyExchangeView; readonly presentation: boolean }) {
  const dh = x.diffieHellman;
  return (
    <section className="key-values" aria-label="Values exchanged">
      <h3>Values exchanged <span className="key-ref">Perkins & Johnson §6–§8; regkey-00 §3.3, §4–§5</span></h3>
      {dh === null ? null : (
        <dl className="key-facts">
          <dt>Diffie-Hellman group</dt><dd>{dh.group} (lab choice, regkey-00 §3.3)</dd>
          <dt>Prime p</dt><dd><HexValue hex={dh.p} label="the prime p" presentation={presentation} /></dd>
          <dt>Generator g</dt><dd>{generatorText(dh.g)}</dd>
          <dt>X = g^x mod p (MN → FA)</dt><dd><HexValue hex={dh.X} label="X" presentation={presentation} /></dd>
          <dt>Y = g^y mod p (FA → MN)</dt><dd>{dh.Y === null ? 'not yet sent' : <HexValue hex={dh.Y} label="Y" presentation={presentation} />}</dd>
        </dl>
      )}
      {x.extensions.length === 0 ? (
        <p className="key-empty">No key extension crossed the wire{x.method === 1 ? ': method 1 uses a security association both already hold.' : '.'}</p>
      ) : (
        <table className="key-extensions" aria-label="Key extensions">
          <thead><tr><th scope="col">Type</th><th scope="col">SPI</th><th scope="col">Value</th></tr></thead>
          <tbody>
            {x.extensions.map((e, i) => (
              <tr key={i}>
                <td>{e.type} {extensionName(e.type)} <span className="key-ref">({extensionRef(e.type)})</span></td>
                <td>{e.spi ?? '—'}</td>
                <td>{e.value === null ? '—' : <HexValue hex={e.value} label={`the value of extension ${e.type}`} presentation={presentation} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
