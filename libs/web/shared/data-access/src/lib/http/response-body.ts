import { ErrorCode, Page, UnreadList, UnreadPage } from '@foyer/contracts';
import type * as z from 'zod/mini';
import { ApiError } from './api-error';

/**
 * Reading answers with their `@foyer/contracts` schemas (docs/adr/0014). A body of the wrong
 * shape becomes an ApiError with code INTERNAL, which pages word like any other failure;
 * in lists, rows that do not read are left out and the others shown.
 */

function unexpected(what: string): ApiError {
  return new ApiError(
    200,
    ErrorCode.INTERNAL,
    `The server sent an unexpected ${what}.`,
  );
}

/** `body` as `schema` reads it; `what` names it in the error, e.g. "room". */
export function parseBody<S extends z.ZodMiniType>(
  schema: S,
  body: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw unexpected(what);
  }
  return parsed.data;
}

function readable<S extends z.ZodMiniType>(
  schema: S,
  rows: readonly unknown[],
): z.output<S>[] {
  return rows.flatMap((row) => {
    const parsed = schema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

/** A `{items, nextCursor}` page of `item`; `what` names the rows, e.g. "rooms". */
export function parsePage<S extends z.ZodMiniType>(
  item: S,
  body: unknown,
  what: string,
): Page<z.output<S>> {
  const page = parseBody(UnreadPage, body, `list of ${what}`);
  return { items: readable(item, page.items), nextCursor: page.nextCursor };
}

/** The rows of an unpaged `{items}` list of `item`; `what` names them, e.g. "sessions". */
export function parseItems<S extends z.ZodMiniType>(
  item: S,
  body: unknown,
  what: string,
): z.output<S>[] {
  return readable(item, parseBody(UnreadList, body, `list of ${what}`).items);
}
