// Vitest setup (vitest.config.ts): tests read runs the way the page does once a
// run has opened, with the run-reading code installed (store/run-reading.ts),
// whether or not they go through the code that opens one.
import '../store/run-reading-code';
