import Handlebars, { type HelperOptions } from 'handlebars';

/**
 * `{{fieldAria}}` inside `{{#> field id=… hint=… maxLength=… error=…}}`: the control's
 * aria-describedby (its hint, then its error), aria-invalid when there is an error, and the
 * maxlength the hint states. Outside the partial, give them as
 * `{{fieldAria id="x" hint=true maxLength=500 error=errors.x}}`. A fieldset of radios takes
 * `invalid=false`: it names the error, and its radios carry aria-invalid themselves.
 */
export default function fieldAria(this: unknown, options: HelperOptions): Handlebars.SafeString {
  const context = (this ?? {}) as Record<string, unknown>;
  const hash = options.hash as Record<string, unknown>;
  const pick = (name: string) => (name in hash ? hash[name] : context[name]);
  const id = String(pick('id') ?? '');
  const maxLength = Number(pick('maxLength'));
  const limited = Number.isInteger(maxLength) && maxLength > 0;
  const hinted = pick('hint') || limited;
  const described = [hinted ? `${id}-hint` : '', pick('error') ? `${id}-error` : '']
    .filter(Boolean)
    .map((part) => Handlebars.escapeExpression(part))
    .join(' ');
  const invalid = pick('error') && hash.invalid !== false;
  const attributes = [
    described ? ` aria-describedby="${described}"` : '',
    invalid ? ' aria-invalid="true"' : '',
    limited ? ` maxlength="${maxLength}"` : '',
  ].join('');
  return new Handlebars.SafeString(attributes);
}
