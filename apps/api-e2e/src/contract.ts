import type * as z from 'zod/mini';

/**
 * Fails unless `body` reads as `schema`, the `@foyer/contracts` schema the SPA parses this
 * answer with (docs/adr/0014): the suite keeps the shared schemas true to the server.
 */
export function expectContract(schema: z.ZodMiniType, body: unknown): void {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `The answer does not read as its contract: ${JSON.stringify(parsed.error.issues)}`,
    );
  }
}
