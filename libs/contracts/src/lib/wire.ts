import * as z from 'zod/mini';

/**
 * Building blocks of the response schemas (docs/architecture.md, HTTP conventions). Not
 * exported from the library: each shape names what it holds, these say how it is written.
 */

/** An ISO-8601 UTC time, as the API writes every time (`Date.toISOString()`). */
export const isoTime = z.iso.datetime();

/** A whole, non-negative number: seats, parties, positions, money in minor units. */
export const count = z.int().check(z.nonnegative());

/** An id (a UUID from the API; never empty). */
export const identifier = z.string().check(z.minLength(1));
