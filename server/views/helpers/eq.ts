/** `{{#if (eq a b)}}`. */
export default function eq(left: unknown, right: unknown): boolean {
  return left === right;
}
