// A small JSON Schema (draft 2020-12) checker for exactly the keywords
// z.toJSONSchema emits for the lab's formats — enough for the test that
// every built-in scenario and lesson, and a real report, pass the published
// schemas. It refuses a schema using any other keyword, so it can never
// accept a file by ignoring a rule it does not know. (An author's editor uses
// a full validator; the lab itself validates with zod.)

type Schema = Record<string, unknown>;

/** Keywords that only annotate. */
const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'default']);
const KNOWN = new Set([
  ...ANNOTATIONS, '$ref', 'type', 'properties', 'required', 'additionalProperties', 'enum', 'const', 'anyOf', 'oneOf',
  'items', 'prefixItems', 'minItems', 'maxItems', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'format',
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case 'object': return isObject(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'boolean': return typeof v === 'boolean';
    case 'null': return v === null;
    default: throw new Error(`unknown type "${type}"`);
  }
}

/** The same JSON value. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const FORMATS: Readonly<Record<string, (s: string) => boolean>> = {
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)),
};

export class MiniValidator {
  /** `schemas`: each schema by the name a `$ref` gives it (its file name). */
  constructor(private readonly schemas: Readonly<Record<string, Schema>>) {}

  /** Every problem of `value` against the schema named `name`, as "<path>: <what>"; empty if it is valid. */
  validate(name: string, value: unknown): string[] {
    const out: string[] = [];
    this.check(this.resolve(name), value, '(root)', out);
    return out;
  }

  private resolve(ref: string): Schema {
    const s = this.schemas[ref];
    if (s === undefined) throw new Error(`$ref "${ref}": no such schema (only other schema files are referred to)`);
    return s;
  }

  private check(schema: unknown, v: unknown, at: string, out: string[]): void {
    if (schema === true || (isObject(schema) && Object.keys(schema).length === 0)) return;
    if (!isObject(schema)) throw new Error(`${at}: a schema must be an object, not ${JSON.stringify(schema)}`);
    for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`${at}: the schema uses "${k}", which this checker does not know`);
    const s = schema;
    if (typeof s.$ref === 'string') this.check(this.resolve(s.$ref), v, at, out);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => typeMatches(t, v))) { out.push(`${at}: expected ${types.join(' or ')}`); return; }
    }
    if ('const' in s && !same(s.const, v)) out.push(`${at}: must be ${JSON.stringify(s.const)}`);
    if (Array.isArray(s.enum) && !s.enum.some((e) => same(e, v))) out.push(`${at}: must be one of ${JSON.stringify(s.enum)}`);
    if (Array.isArray(s.anyOf) && !s.anyOf.some((b) => this.passes(b, v, at))) out.push(`${at}: matches none of anyOf`);
    if (Array.isArray(s.oneOf)) {
      const n = s.oneOf.filter((b) => this.passes(b, v, at)).length;
      if (n !== 1) out.push(`${at}: matches ${n} of oneOf, not exactly 1`);
    }
    if (typeof v === 'number') this.checkNumber(s, v, at, out);
    if (typeof v === 'string') this.checkString(s, v, at, out);
    if (Array.isArray(v)) this.checkArray(s, v, at, out);
    if (isObject(v)) this.checkObject(s, v, at, out);
  }

  private passes(schema: unknown, v: unknown, at: string): boolean {
    const out: string[] = [];
    this.check(schema, v, at, out);
    return out.length === 0;
  }

  private checkNumber(s: Schema, v: number, at: string, out: string[]): void {
    if (typeof s.minimum === 'number' && v < s.minimum) out.push(`${at}: less than ${s.minimum}`);
    if (typeof s.maximum === 'number' && v > s.maximum) out.push(`${at}: more than ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) out.push(`${at}: not more than ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum) out.push(`${at}: not less than ${s.exclusiveMaximum}`);
  }

  private checkString(s: Schema, v: string, at: string, out: string[]): void {
    const length = [...v].length; // JSON Schema counts characters, not UTF-16 units
    if (typeof s.minLength === 'number' && length < s.minLength) out.push(`${at}: shorter than ${s.minLength}`);
    if (typeof s.maxLength === 'number' && length > s.maxLength) out.push(`${at}: longer than ${s.maxLength}`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) out.push(`${at}: does not match ${s.pattern}`);
    if (typeof s.format === 'string') {
      const test = FORMATS[s.format];
      if (test === undefined) throw new Error(`${at}: format "${s.format}" is not known to this checker`);
      if (!test(v)) out.push(`${at}: not a ${s.format}`);
    }
  }

  private checkArray(s: Schema, v: readonly unknown[], at: string, out: string[]): void {
    if (typeof s.minItems === 'number' && v.length < s.minItems) out.push(`${at}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) out.push(`${at}: more than ${s.maxItems} items`);
    const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    v.forEach((x, i) => {
      if (i < prefix.length) this.check(prefix[i], x, `${at}[${i}]`, out);
      else if (s.items !== undefined) this.check(s.items, x, `${at}[${i}]`, out);
    });
  }

  private checkObject(s: Schema, v: Record<string, unknown>, at: string, out: string[]): void {
    const properties = isObject(s.properties) ? s.properties : {};
    for (const r of Array.isArray(s.required) ? (s.required as string[]) : []) if (!(r in v)) out.push(`${at}.${r}: is required`);
    for (const [k, x] of Object.entries(v)) {
      if (k in properties) this.check(properties[k], x, `${at}.${k}`, out);
      else if (s.additionalProperties === false) out.push(`${at}.${k}: is not allowed`);
      else if (s.additionalProperties !== undefined) this.check(s.additionalProperties, x, `${at}.${k}`, out);
    }
  }
}
