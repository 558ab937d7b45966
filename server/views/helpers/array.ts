/** `{{#each (array "a" "b")}}`: a list written in a template. */
export default function array(...args: unknown[]): unknown[] {
  // The last argument is Handlebars' options object.
  return args.slice(0, -1);
}
