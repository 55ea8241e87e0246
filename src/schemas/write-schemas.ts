// `npm run schemas`: writes the file formats' JSON Schemas (json-schemas.ts)
// into public/schemas/, where the site serves them.

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemas, schemaText } from './json-schemas';

const folder = fileURLToPath(new URL('../../public/schemas/', import.meta.url));
mkdirSync(folder, { recursive: true });
for (const s of jsonSchemas()) {
  writeFileSync(`${folder}${s.file}`, schemaText(s));
  process.stdout.write(`public/schemas/${s.file}  (${s.format})\n`);
}
