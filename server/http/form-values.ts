/** The posted text fields of a form, as typed, to show it again; anything else reads as ''. */
export function typedValues(body: unknown, fields: readonly string[]): Record<string, string> {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(
    fields.map((field) => [field, typeof source[field] === 'string' ? source[field] : '']),
  );
}

/** Field messages keyed by the ids a form gives its fields (`progress-body`…), for the summary. */
export function fieldIdErrors(
  form: string,
  errors: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [`${form}-${field}`, message]),
  );
}
