import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@foyer/api/platform/redis';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';

/** One line of a table's shared cart as Redis holds it: no price, no name (those come from the menu). */
export interface StoredLine {
  menuItemId: string;
  quantity: number;
  note: string | null;
}

export interface TakenCart {
  key: string;
  lines: StoredLine[];
}

/** A cart outlives a quiet table by this long; every change renews it. */
export const CART_TTL_SECONDS = 12 * 60 * 60;
/** A taken cart waits this long for its order to commit before Redis forgets it. */
const PLACING_TTL_SECONDS = 120;
export const MAX_CART_LINES = 50;

// Each script runs atomically in Redis, so concurrent diners never interleave inside one.
// Keys of one table share a hash tag ({tableId}) so the scripts also work on a cluster.
const SET_LINE = `
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return 1
end
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1`;

const TAKE = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {}
end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[1])
return redis.call('HGETALL', KEYS[2])`;

// Lines set while the order was being placed win over the returned ones.
const RESTORE = `
local lines = redis.call('HGETALL', KEYS[1])
for i = 1, #lines, 2 do
  redis.call('HSETNX', KEYS[2], lines[i], lines[i + 1])
end
redis.call('DEL', KEYS[1])
if #lines > 0 then
  redis.call('EXPIRE', KEYS[2], ARGV[1])
end
return #lines / 2`;

interface CartCommands {
  foyerCartSetLine(
    cart: string,
    field: string,
    value: string,
    maxLines: number,
    ttl: number,
  ): Promise<number>;
  foyerCartTake(cart: string, placing: string, ttl: number): Promise<string[]>;
  foyerCartRestore(placing: string, cart: string, ttl: number): Promise<number>;
}

function parse(fields: string[]): StoredLine[] {
  const lines: StoredLine[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = JSON.parse(fields[i + 1]) as { q: number; n: string | null };
    lines.push({ menuItemId: fields[i], quantity: value.q, note: value.n });
  }
  return lines;
}

/**
 * The shared cart of one table sitting, a Redis hash `menuItemId → {quantity, note}`
 * under the app's key prefix. Setting a line, taking the whole cart for an order and
 * giving it back are single Lua scripts, so they are atomic with respect to each other.
 */
@Injectable()
export class CartStore {
  private readonly commands: CartCommands;

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    const client = redis as unknown as Partial<CartCommands> & Redis;
    if (!client.foyerCartSetLine) {
      redis.defineCommand('foyerCartSetLine', {
        numberOfKeys: 1,
        lua: SET_LINE,
      });
      redis.defineCommand('foyerCartTake', { numberOfKeys: 2, lua: TAKE });
      redis.defineCommand('foyerCartRestore', {
        numberOfKeys: 2,
        lua: RESTORE,
      });
    }
    this.commands = client as unknown as CartCommands;
  }

  static key(tableId: string, sittingId: string): string {
    return `cart:{${tableId}}:${sittingId}`;
  }

  async lines(tableId: string, sittingId: string): Promise<StoredLine[]> {
    const all = await this.redis.hgetall(CartStore.key(tableId, sittingId));
    return parse(Object.entries(all).flat());
  }

  /** Sets (quantity > 0) or removes (0) one line; false when the cart is full. */
  async setLine(
    tableId: string,
    sittingId: string,
    line: StoredLine,
  ): Promise<boolean> {
    const value =
      line.quantity > 0
        ? JSON.stringify({ q: line.quantity, n: line.note })
        : '';
    const done = await this.commands.foyerCartSetLine(
      CartStore.key(tableId, sittingId),
      line.menuItemId,
      value,
      MAX_CART_LINES,
      CART_TTL_SECONDS,
    );
    return done === 1;
  }

  /** Moves the whole cart aside in one step: a concurrent placement then finds it empty. */
  async take(tableId: string, sittingId: string): Promise<TakenCart | null> {
    const key = `cart-placing:{${tableId}}:${randomUUID()}`;
    const fields = await this.commands.foyerCartTake(
      CartStore.key(tableId, sittingId),
      key,
      PLACING_TTL_SECONDS,
    );
    return fields.length > 0 ? { key, lines: parse(fields) } : null;
  }

  /** The order did not go through: the lines go back, without overwriting newer ones. */
  async restore(
    tableId: string,
    sittingId: string,
    taken: TakenCart,
  ): Promise<void> {
    await this.commands.foyerCartRestore(
      taken.key,
      CartStore.key(tableId, sittingId),
      CART_TTL_SECONDS,
    );
  }

  async discard(taken: TakenCart): Promise<void> {
    await this.redis.del(taken.key);
  }

  async clear(tableId: string, sittingId: string): Promise<void> {
    await this.redis.del(CartStore.key(tableId, sittingId));
  }
}
