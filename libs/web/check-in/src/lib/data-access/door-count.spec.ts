import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RealtimeEvent } from '@foyer/contracts';
import {
  AppConfig,
  SOCKET_FACTORY,
  SessionStore,
} from '@foyer/web/data-access';
import { of } from 'rxjs';
import type { Socket } from 'socket.io-client';
import { DoorCount } from './door-count';

const API = 'https://api.example.test';
const STATS = `${API}/api/staff/performances/p-1/check-in/stats`;
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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

describe('DoorCount', () => {
  let http: HttpTestingController;
  let socket: FakeSocket;
  let factory: jest.Mock;
  const refresh = jest.fn(() => of(true));

  beforeEach(() => {
    socket = new FakeSocket();
    factory = jest.fn(() => socket as unknown as Socket);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        DoorCount,
        { provide: SOCKET_FACTORY, useValue: factory },
        { provide: SessionStore, useValue: { refresh } },
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const stats = (seats: number, performanceId = 'p-1') => ({
    performanceId,
    confirmedParties: 10,
    confirmedSeats: 20,
    checkedInParties: seats,
    checkedInSeats: seats,
  });

  it('reads the stats, connects to /staff with the cookie, and applies live updates of its performance only', async () => {
    const count = TestBed.inject(DoorCount);
    count.watch('p-1');
    expect(factory).toHaveBeenCalledWith(
      `${API}/staff`,
      expect.objectContaining({ withCredentials: true }),
    );
    http.expectOne(STATS).flush(stats(1));
    await settle();
    expect(count.stats()?.checkedInSeats).toBe(1);

    socket.emit(RealtimeEvent.CheckInUpdated, stats(5, 'p-other'));
    expect(count.stats()?.checkedInSeats).toBe(1);
    socket.emit(RealtimeEvent.CheckInUpdated, stats(4));
    expect(count.stats()?.checkedInSeats).toBe(4);
  });

  it('re-reads the count on every (re)connect and refreshes the session when the server drops it', async () => {
    jest.useFakeTimers();
    try {
      const count = TestBed.inject(DoorCount);
      count.watch('p-1');
      http.expectOne(STATS).flush(stats(1));
      socket.emit('connect');
      expect(count.live()).toBe(true);
      http.expectOne(STATS).flush(stats(2));

      socket.emit('disconnect', 'io server disconnect');
      expect(count.live()).toBe(false);
      await jest.advanceTimersByTimeAsync(1000);
      expect(refresh).toHaveBeenCalled();
      expect(socket.connect).toHaveBeenCalled();
    } finally {
      jest.useRealTimers();
    }
  });
});
