import { DEVICE_ID_PATTERN } from '@foyer/contracts';

/** localStorage key of the anonymous device id; nothing else about the diner is stored. */
export const DEVICE_ID_KEY = 'foyer.deviceId';

function localStore(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be blocked (private mode, policies): a fresh id per visit still works.
    return null;
  }
}

/**
 * The device's anonymous random id (a UUID), made once and kept in localStorage. It names
 * no person; the API only uses a keyed hash of it to bind the session capability.
 */
export function deviceId(storage: Storage | null = localStore()): string {
  try {
    const kept = storage?.getItem(DEVICE_ID_KEY);
    if (kept && DEVICE_ID_PATTERN.test(kept)) {
      return kept;
    }
  } catch {
    // Unreadable storage: fall through to a fresh id.
  }
  const id = crypto.randomUUID();
  try {
    storage?.setItem(DEVICE_ID_KEY, id);
  } catch {
    // Full or blocked storage: the id lives for this page only.
  }
  return id;
}
