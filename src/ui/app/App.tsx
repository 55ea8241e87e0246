import { PacketDecoder } from '../decoder/PacketDecoder';

// Issue 2 ships the foundation: a page that introduces the lab and lets a
// learner paste any captured packet and see it dissected, layer by layer, with
// the same engine the simulation will use. The canvas arrives with the runtime.
export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Route Optimization Lab</h1>
        <p className="tagline">
          Mobile IP and its Route Optimization extension (Perkins &amp; Johnson), running for real in your
          browser: every message a real packet, every byte explained.
        </p>
      </header>
      <main>
        <PacketDecoder />
      </main>
      <footer className="app-footer">
        <p>
          Wire formats follow RFC 2002–2004 and the route-optimization drafts (optim-07/-08, regkey-00,
          spectun-00). Every field shows the section it comes from.
        </p>
      </footer>
    </div>
  );
}
