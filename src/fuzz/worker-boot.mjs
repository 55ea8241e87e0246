// Lets a worker thread load the fuzzer's TypeScript (tsx's loader), then starts it.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
