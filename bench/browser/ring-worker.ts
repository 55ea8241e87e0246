// One bare worker of the raw-postMessage ring (bench/browser/main.ts): passes
// the token (an ArrayBuffer, transferred) to the next worker until its hop
// count runs out, then tells the page. It also answers an `echo` from the page
// at once: the bare round trip a coordinator's request and its answer cost.

interface Token {
  readonly hops: number;
  readonly buffer: ArrayBuffer;
}

let next: MessagePort | undefined;

function forward(token: Token): void {
  if (token.hops === 0) {
    self.postMessage({ type: 'done' });
    return;
  }
  next!.postMessage({ hops: token.hops - 1, buffer: token.buffer } satisfies Token, [token.buffer]);
}

self.addEventListener('message', (e: MessageEvent) => {
  const m = e.data as { type: 'init'; next: MessagePort; prev: MessagePort } | { type: 'echo' } | ({ type: 'start' } & Token);
  if (m.type === 'echo') {
    self.postMessage({ type: 'echoed' });
  } else if (m.type === 'init') {
    next = m.next;
    m.prev.onmessage = (ev: MessageEvent<Token>) => forward(ev.data);
  } else {
    forward(m);
  }
});
