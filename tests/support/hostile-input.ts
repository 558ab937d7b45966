// The inputs the fuzz test sends: what a PDF paste, a tampered link, a script or a broken client
// put into a request. Each case is small to describe and large in what it reaches.

export type FormFields = string[];
export interface BodyCase {
  name: string;
  /** 'form', 'json' or the literal content type of a body the app does not accept. */
  type: string;
  body(csrf: string): Record<string, unknown> | string;
}

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\ud800b';
// ASCII, so the field is a megabyte and its body stays under the body limit: the form's 422.
const ONE_MEGABYTE = 'a'.repeat(1024 * 1024);
const IMPOSSIBLE_DATES = [
  ['2026-02-30', '0000-01-01'],
  ['+275760-09-13', '2026-13-01'],
];
const DATE_FIELD = /date|deadline|since|start|end|fecha|desde|hasta/i;

const every = (fields: FormFields, value: (field: string) => unknown) =>
  Object.fromEntries(fields.map((field) => [field, value(field)]));

/** The bodies posted to one route; `index` rotates the 1 MB field among the form's fields. */
export function bodyCases(
  fields: FormFields,
  index: number,
  options: { wrongTypes: boolean },
): BodyCase[] {
  const huge = fields[index % Math.max(fields.length, 1)] ?? 'body';
  return [
    {
      name: 'NUL in every field',
      type: 'form',
      body: (csrf) => ({ ...every(fields, () => NUL), _csrf: csrf }),
    },
    {
      name: 'NUL and lone surrogates as JSON',
      type: 'json',
      body: (csrf) => ({
        ...every(fields, (field) => (field.length % 2 ? NUL : LONE_SURROGATE)),
        _csrf: csrf,
      }),
    },
    {
      name: 'nested JSON and wrong types',
      type: 'json',
      body: (csrf) => ({
        ...every(fields, (field) => ({ [field]: [1, null, true] })),
        _csrf: csrf,
      }),
    },
    ...IMPOSSIBLE_DATES.map(([first, second]) => ({
      name: `impossible dates ${first} and ${second}`,
      type: 'form',
      body: (csrf: string) => ({
        ...every(fields, (field) =>
          DATE_FIELD.test(field) ? (field.length % 2 ? first : second) : 'texto',
        ),
        _csrf: csrf,
      }),
    })),
    {
      name: 'every field twice',
      type: 'form',
      body: (csrf) => {
        const repeated = fields.flatMap((field) => [`${field}=uno`, `${field}=dos`]);
        return [...repeated, `_csrf=${encodeURIComponent(csrf)}`].join('&');
      },
    },
    {
      name: `1 MB in ${huge}`,
      type: 'form',
      body: (csrf) => ({ [huge]: ONE_MEGABYTE, _csrf: csrf }),
    },
    { name: 'malformed JSON', type: 'application/json', body: () => '{"name": "x",' },
    ...(options.wrongTypes ? wrongTypes : []),
  ];
}

const wrongTypes: BodyCase[] = [
  { name: 'text/plain body', type: 'text/plain', body: (csrf) => `_csrf=${csrf}&name=x` },
  {
    name: 'multipart body',
    type: 'multipart/form-data; boundary=retos',
    body: () => '--retos\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--retos--\r\n',
  },
  { name: 'XML body', type: 'application/xml', body: () => '<name>x</name>' },
];

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ID = '00000000-0000-4000-8000-000000000000';

// Query names the app reads, in Spanish as its links write them, and a few it does not.
const QUERY_NAMES = [
  'q',
  'orden',
  'cursor',
  'entidad',
  'ods',
  'habilidad',
  'estado',
  'oficina',
  'tipo',
  'organizacion',
  'volver',
  'token',
  'aviso',
  'guardado',
  'fallo',
  'reintentados',
  'lang',
  'pagina',
];

/** Query strings tried on every GET route. */
export function queryCases(): string[] {
  const all = (value: string) =>
    QUERY_NAMES.map((name) => `${name}=${encodeURIComponent(value)}`).join('&');
  return [
    `${all(NUL)}&cursor=${base64url({ o: 'newest', k: ['0000-01-01T00:00:00.000Z'], i: ID })}`,
    // Percent-encodings that are not UTF-8 (a lone surrogate's bytes, a cut sequence).
    `${QUERY_NAMES.map((name) => `${name}=%ED%A0%80%F0%9F`).join('&')}&cursor=${base64url({ o: 'newest', k: ['+275760-09-13T00:00:00.000Z'], i: ID })}`,
    QUERY_NAMES.map((name) => `${name}=uno&${name}=dos`).join('&'),
    `${QUERY_NAMES.map((name) => `${name}[a]=x`).join('&')}&orden=fecha&cursor=${base64url({ o: 'deadline', k: ['+275760-09-13', 0, 1], i: ID })}`,
    `${all('x'.repeat(2000))}&pagina=-99999999999999999999`,
  ];
}

/** A parameterised path with each parameter made hostile in turn. */
export function pathVariants(pattern: string, fill: (path: string) => string): string[] {
  const names = [...pattern.matchAll(/:(\w+)/g)].map((match) => match[0]);
  return names.flatMap((name) => {
    const filled = (value: string) =>
      fill(pattern.replace(name, '\u0001')).replace('\u0001', value);
    return [filled('a%00b'), filled('%ED%A0%80'), filled('x'.repeat(3000))];
  });
}
