/** `{{t (concat "challenge.status." status)}}`: joins its arguments into one string. */
export default function concat(...args: unknown[]): string {
  // The last argument is Handlebars' options object.
  return args.slice(0, -1).map(String).join('');
}
