/**
 * The fields a PATCH body actually carried. DTO classes declare every optional field,
 * and ES2022 class fields start as `undefined`, so a plain spread would blank them.
 */
export function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}
