/**
 * Deterministic JSON for hashing: object keys sorted by UTF-16 code unit, no whitespace,
 * arrays in order. Anything JSON cannot represent exactly, or that JSON.stringify would
 * silently drop or change (undefined, functions, NaN, Infinity, Dates, Maps, class
 * instances, cycles), is refused, because a value that serialises differently after a
 * round trip through the database would make an untouched row look tampered.
 *
 * `omitUndefined` mirrors a response body instead (ETags): an undefined object property
 * is left out, as JSON.stringify leaves it out of the body.
 */
export class CanonicalJsonError extends TypeError {
  constructor(path: string, reason: string) {
    super(`Cannot canonicalise ${path}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * A plain object from any realm (pg, structuredClone and vm contexts hand out objects
 * whose Object.prototype is not ours): its prototype is null or a root prototype.
 */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) {
    return true;
  }
  return (
    Object.getPrototypeOf(proto) === null &&
    Object.prototype.toString.call(value) === '[object Object]'
  );
}

export interface CanonicalJsonOptions {
  omitUndefined?: boolean;
}

function serialise(
  value: unknown,
  path: string,
  ancestors: Set<object>,
  options: CanonicalJsonOptions,
): string {
  if (value === null) {
    return 'null';
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalJsonError(path, 'non-finite number');
      }
      // JSON.stringify already writes -0 as 0 and picks the shortest round-trip form.
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(path, `${typeof value} is not JSON`);
  }

  const object = value as object;
  if (ancestors.has(object)) {
    throw new CanonicalJsonError(path, 'circular reference');
  }
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      const parts: string[] = [];
      for (let i = 0; i < object.length; i += 1) {
        // Holes in sparse arrays read as undefined and are refused like it.
        parts.push(serialise(object[i], `${path}[${i}]`, ancestors, options));
      }
      return `[${parts.join(',')}]`;
    }
    if (!isPlainObject(object)) {
      throw new CanonicalJsonError(
        path,
        'only plain objects and arrays are allowed',
      );
    }
    if (Object.getOwnPropertySymbols(object).length > 0) {
      throw new CanonicalJsonError(path, 'symbol keys are not JSON');
    }
    const record = object as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => !(options.omitUndefined && record[key] === undefined))
      .sort()
      .map(
        (key) =>
          `${JSON.stringify(key)}:${serialise(record[key], `${path}.${key}`, ancestors, options)}`,
      );
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(object);
  }
}

export function canonicalJson(
  value: unknown,
  options: CanonicalJsonOptions = {},
): string {
  return serialise(value, '$', new Set(), options);
}
