import * as z from 'zod/mini';
import { UnreadPage, listOf, pageOf } from './http';

describe('page and list schemas', () => {
  const Row = z.object({ id: z.string() });

  it('reads a page with or without a next cursor', () => {
    expect(
      pageOf(Row).parse({ items: [{ id: 'a' }], nextCursor: 'c2' }),
    ).toEqual({
      items: [{ id: 'a' }],
      nextCursor: 'c2',
    });
    expect(pageOf(Row).safeParse({ items: [] }).success).toBe(false);
    expect(listOf(Row).parse({ items: [{ id: 'a' }] })).toEqual({
      items: [{ id: 'a' }],
    });
  });

  it('leaves the rows of an unread page as they came', () => {
    expect(
      UnreadPage.parse({ items: [{ id: 1 }, 'x'], nextCursor: null }),
    ).toEqual({ items: [{ id: 1 }, 'x'], nextCursor: null });
    expect(UnreadPage.safeParse({ nextCursor: null }).success).toBe(false);
  });
});
