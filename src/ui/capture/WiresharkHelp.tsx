// How to read the lab's captures in Wireshark: its own Mobile IP dissector
// knows the registration messages but takes types 16–19 for later messages and
// misreads the 16-bit-length key extensions; the lab's Lua dissector, served
// beside the page, decodes them (docs/protocol-notes.md §Wireshark).
export function WiresharkHelp() {
  return (
    <section className="wireshark-help" aria-labelledby="wireshark-help-title">
      <h2 id="wireshark-help-title">Open the lab&apos;s captures in Wireshark</h2>
      <p>
        Wireshark decodes agent discovery and registration by itself, but not the Route Optimization messages —
        Binding Warning, Request, Update and Acknowledge (Perkins &amp; Johnson §3.1–§3.4) — nor the Route
        Optimization authentication, Previous Foreign Agent Notification and registration-key extensions
        (optim-08 §4.5, §5.1; regkey-00 §4, §5). The lab&apos;s dissector adds them:
      </p>
      <ol>
        <li><a href="wireshark/route-optimization-lab.lua" download>Download the lab&apos;s Wireshark dissector</a> (a Lua plugin).</li>
        <li>
          Copy it into Wireshark&apos;s personal Lua plugins folder (<em>Help › About Wireshark › Folders › Personal
          Lua Plugins</em>), then restart Wireshark or choose <em>Analyze › Reload Lua Plugins</em>.
        </li>
        <li>
          Open a capture saved with <em>Save capture</em>. Try the display filters <code>mipro</code>,{' '}
          <code>mipro.type == 18</code>, <code>mipro.bu.lifetime &lt; 60</code> or <code>mipro.ext.type == 116</code>.
        </li>
      </ol>
    </section>
  );
}
