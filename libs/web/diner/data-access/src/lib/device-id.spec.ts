import { DEVICE_ID_KEY, deviceId } from './device-id';

class MemoryStorage implements Pick<Storage, 'getItem' | 'setItem'> {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

describe('deviceId', () => {
  it('makes a random id once and keeps it', () => {
    const storage = new MemoryStorage();
    const first = deviceId(storage as unknown as Storage);
    expect(first).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
    expect(deviceId(storage as unknown as Storage)).toBe(first);
    expect(storage.map.get(DEVICE_ID_KEY)).toBe(first);
  });

  it('replaces a tampered value and survives blocked storage', () => {
    const storage = new MemoryStorage();
    storage.setItem(DEVICE_ID_KEY, '<script>');
    expect(deviceId(storage as unknown as Storage)).not.toBe('<script>');
    const blocked = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    } as unknown as Storage;
    expect(deviceId(blocked)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
