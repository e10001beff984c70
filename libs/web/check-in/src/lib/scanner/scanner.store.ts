import { Injectable, inject, signal } from '@angular/core';
import { ApiError, IdempotencyKeys } from '@foyer/web/data-access';
import { firstValueFrom } from 'rxjs';
import { CheckInApi } from '../data-access/check-in.api';
import { DoorAnswer } from '../data-access/check-in.models';
import { DuplicateScanFilter } from './duplicate-scan-filter';
import { ticketToken } from './door-verdict';

/**
 * ready → checking → preview (VALID, waiting for Confirm) → confirming → result;
 * a non-valid preview goes straight to result. While checking, confirming or waiting
 * for a Confirm, camera scans are ignored; in `result` a new code starts the next check.
 */
export type ScanPhase =
  'ready' | 'checking' | 'preview' | 'confirming' | 'result';
export type ScanSource = 'camera' | 'manual';

interface CurrentScan {
  readonly token: string;
  /** One per scan, reused when Confirm is retried, so a retry gets the first 200. */
  readonly nonce: string;
}

/** The scanner's state; provide it on the page. */
@Injectable()
export class ScannerStore {
  private readonly api = inject(CheckInApi);
  private readonly keys = new IdempotencyKeys();
  private readonly duplicates = new DuplicateScanFilter();
  private current: CurrentScan | null = null;

  readonly performanceId = signal<string | null>(null);
  readonly phase = signal<ScanPhase>('ready');
  readonly answer = signal<DoorAnswer | null>(null);
  /** A failure to reach a verdict (network, server), in words for the door. */
  readonly problem = signal<ApiError | null>(null);
  /** Text that is no ticket code at all (checked before calling the API). */
  readonly unreadable = signal(false);

  choosePerformance(id: string | null): void {
    this.performanceId.set(id);
    this.next();
  }

  /** Resolves to the answer it showed, or null when the scan was ignored or failed. */
  async submit(text: string, source: ScanSource): Promise<DoorAnswer | null> {
    const performanceId = this.performanceId();
    const phase = this.phase();
    if (
      !performanceId ||
      phase === 'checking' ||
      phase === 'confirming' ||
      phase === 'preview'
    ) {
      return null;
    }
    if (source === 'camera' && !this.duplicates.accept(text)) {
      return null;
    }
    const token = ticketToken(text);
    this.problem.set(null);
    this.unreadable.set(token === null);
    if (token === null) {
      this.answer.set(null);
      this.phase.set('result');
      return null;
    }
    this.current = { token, nonce: crypto.randomUUID() };
    this.answer.set(null);
    this.phase.set('checking');
    try {
      const answer = await firstValueFrom(
        this.api.preview(token, performanceId),
      );
      this.answer.set(answer);
      this.phase.set(answer.state === 'VALID' ? 'preview' : 'result');
      return answer;
    } catch (error) {
      this.problem.set(error instanceof ApiError ? error : null);
      this.phase.set('result');
      return null;
    }
  }

  /** Admits the previewed party. A failure keeps the preview so Confirm can be pressed again. */
  async confirm(): Promise<DoorAnswer | null> {
    const performanceId = this.performanceId();
    const scan = this.current;
    if (!performanceId || !scan || this.phase() !== 'preview') {
      return null;
    }
    const body = { token: scan.token, performanceId, nonce: scan.nonce };
    this.problem.set(null);
    this.phase.set('confirming');
    try {
      const answer = await firstValueFrom(
        this.api.confirm(
          scan.token,
          performanceId,
          scan.nonce,
          this.keys.keyFor('confirm', body),
        ),
      );
      this.keys.settle('confirm');
      this.answer.set(answer);
      this.phase.set('result');
      return answer;
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(0, 'INTERNAL', 'Something went wrong.');
      this.keys.settle('confirm', apiError);
      this.problem.set(apiError);
      this.phase.set('preview');
      return null;
    }
  }

  /** Clears the verdict: ready for the next ticket. */
  next(): void {
    this.current = null;
    this.answer.set(null);
    this.problem.set(null);
    this.unreadable.set(false);
    this.phase.set('ready');
  }
}
