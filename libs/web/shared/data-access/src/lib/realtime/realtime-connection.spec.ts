import { TestBed } from '@angular/core/testing';
import { RealtimeNamespace } from '@foyer/contracts';
import type { Socket } from 'socket.io-client';
import { AppConfig } from '../config/app-config';
import {
  RealtimeOptions,
  SOCKET_FACTORY,
  injectRealtime,
} from './realtime-connection';

const API = 'https://api.example.test';

class FakeSocket {
  active = true;
  readonly handlers = new Map<string, (arg?: unknown) => void>();
  readonly connect = jest.fn();
  readonly disconnect = jest.fn();
  readonly removeAllListeners = jest.fn();
  on(event: string, handler: (arg?: unknown) => void) {
    this.handlers.set(event, handler);
    return this;
  }
  emit(event: string, arg?: unknown) {
    this.handlers.get(event)?.(arg);
  }
}

describe('injectRealtime', () => {
  let socket: FakeSocket;
  let factory: jest.Mock;
  let renew: jest.Mock;
  let onConnect: jest.Mock;

  beforeEach(() => {
    jest.useFakeTimers();
    socket = new FakeSocket();
    factory = jest.fn(() => socket as unknown as Socket);
    renew = jest.fn(() => Promise.resolve());
    onConnect = jest.fn();
    TestBed.configureTestingModule({
      providers: [{ provide: SOCKET_FACTORY, useValue: factory }],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
  });

  afterEach(() => jest.useRealTimers());

  const open = (overrides: Partial<RealtimeOptions> = {}) => {
    const connection = TestBed.runInInjectionContext(() =>
      injectRealtime({
        io: () => {
          throw new Error('tests use the SOCKET_FACTORY fake');
        },
        namespace: RealtimeNamespace.Staff,
        auth: 'cookie',
        renew,
        onConnect,
        events: {},
        ...overrides,
      }),
    );
    connection.open();
    return connection;
  };

  it('connects once to the namespace with the cookie, goes live and re-reads on every connect', () => {
    const connection = open();
    connection.open();
    expect(factory).toHaveBeenCalledTimes(1);
    expect(factory).toHaveBeenCalledWith(
      `${API}/staff`,
      expect.objectContaining({ withCredentials: true }),
    );
    socket.emit('connect');
    socket.emit('connect');
    expect(connection.live()).toBe(true);
    expect(onConnect).toHaveBeenCalledTimes(2);
  });

  it('reads a handshake payload on every (re)connect instead of the cookie', () => {
    let cap = 'cap-1';
    open({ namespace: RealtimeNamespace.Diner, auth: () => ({ cap }) });
    const options = factory.mock.calls[0][1];
    expect(options.withCredentials).toBeUndefined();
    const send = jest.fn();
    options.auth(send);
    cap = 'cap-2';
    options.auth(send);
    expect(send.mock.calls).toEqual([[{ cap: 'cap-1' }], [{ cap: 'cap-2' }]]);
  });

  it('hands server events to their handlers', () => {
    const handler = jest.fn();
    open({ events: { 'order.updated': handler } });
    socket.emit('order.updated', { id: 'o-1' });
    expect(handler).toHaveBeenCalledWith({ id: 'o-1' });
  });

  it('renews and reconnects, backing off, when the server drops the socket', async () => {
    const connection = open();
    socket.emit('connect');
    socket.emit('disconnect', 'io server disconnect');
    expect(connection.live()).toBe(false);
    await jest.advanceTimersByTimeAsync(999);
    expect(renew).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(socket.connect).toHaveBeenCalledTimes(1);

    socket.emit('disconnect', 'io server disconnect');
    await jest.advanceTimersByTimeAsync(1999);
    expect(renew).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(renew).toHaveBeenCalledTimes(2);

    socket.emit('connect');
    socket.emit('disconnect', 'io server disconnect');
    await jest.advanceTimersByTimeAsync(1000);
    expect(renew).toHaveBeenCalledTimes(3);
  });

  it('leaves network drops and retried handshakes to socket.io', async () => {
    open();
    socket.emit('disconnect', 'transport close');
    socket.emit('connect_error');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(renew).not.toHaveBeenCalled();
  });

  it('renews after a refused handshake, which socket.io does not retry', async () => {
    open();
    socket.active = false;
    socket.emit('connect_error');
    await jest.advanceTimersByTimeAsync(1000);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(socket.connect).toHaveBeenCalledTimes(1);
  });

  it('does not reconnect once closed, whether by the owner or the injector', async () => {
    const connection = open();
    socket.emit('connect');
    socket.emit('disconnect', 'io server disconnect');
    connection.close();
    expect(connection.live()).toBe(false);
    expect(socket.removeAllListeners).toHaveBeenCalled();
    expect(socket.disconnect).toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(renew).not.toHaveBeenCalled();

    const again = open();
    socket.emit('disconnect', 'io server disconnect');
    TestBed.resetTestingModule();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(renew).not.toHaveBeenCalled();
    expect(again.live()).toBe(false);
  });

  it('does not reconnect a socket closed while renewing', async () => {
    let settle = () => undefined as void;
    renew.mockImplementation(
      () => new Promise<void>((resolve) => (settle = resolve)),
    );
    const connection = open();
    socket.emit('disconnect', 'io server disconnect');
    await jest.advanceTimersByTimeAsync(1000);
    connection.close();
    settle();
    await jest.advanceTimersByTimeAsync(0);
    expect(socket.connect).not.toHaveBeenCalled();
  });
});
