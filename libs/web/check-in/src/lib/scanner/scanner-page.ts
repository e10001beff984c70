import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { ErrorCode } from '@foyer/contracts';
import { NETWORK_ERROR, toApiError } from '@foyer/web/data-access';
import {
  DateTimePipe,
  ProblemWords,
  deviceTimeZone,
  describeProblem,
  formatDateTime,
} from '@foyer/web/shared/ui';
import { ZXingScannerModule } from '@zxing/ngx-scanner';
import { BarcodeFormat } from '@zxing/library';
import { firstValueFrom } from 'rxjs';
import { CheckInApi } from '../data-access/check-in.api';
import { DoorPerformance } from '../data-access/check-in.models';
import { DoorCount } from '../data-access/door-count';
import { DoorFeedback } from './door-feedback';
import { DoorVerdict, doorVerdict } from './door-verdict';
import { ScanSource, ScannerStore } from './scanner.store';

/** How the door words a failure: short, for a glance at arm's length. */
const DOOR_WORDS: ProblemWords = {
  codes: {
    [NETWORK_ERROR]:
      'No connection to the server. Check the network and try again.',
    [ErrorCode.FORBIDDEN]: 'Your role cannot check tickets in.',
    [ErrorCode.UNAUTHENTICATED]: 'Your session has ended. Sign in again.',
  },
  tooManyRequests: () => 'Too many scans at once. Wait a moment and try again.',
  serverFault: () => 'Something went wrong. Try again.',
};

/** The performance a door most likely admits now: check-in open, else the next to start. */
export function defaultPerformance(
  performances: readonly DoorPerformance[],
  now = Date.now(),
): DoorPerformance | null {
  const open = performances.find(
    (p) => Date.parse(p.checkInOpensAt) <= now && now < Date.parse(p.endsAt),
  );
  return open ?? performances.find((p) => Date.parse(p.endsAt) > now) ?? null;
}

type CameraState = 'starting' | 'on' | 'denied' | 'none';

/**
 * `/staff/check-in` (checkin:scan): one-handed on a phone. Pick the performance, point the
 * camera at a ticket (or type its code), read the big verdict, press Confirm.
 */
@Component({
  selector: 'foyer-scanner-page',
  imports: [ReactiveFormsModule, ZXingScannerModule, DateTimePipe],
  providers: [ScannerStore, DoorCount, DoorFeedback],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './scanner-page.html',
  styleUrl: './scanner-page.css',
})
export class ScannerPage {
  protected readonly store = inject(ScannerStore);
  protected readonly count = inject(DoorCount);
  private readonly feedback = inject(DoorFeedback);
  private readonly api = inject(CheckInApi);

  protected readonly formats = [BarcodeFormat.QR_CODE];
  protected readonly performances = signal<readonly DoorPerformance[]>([]);
  protected readonly loadError = signal('');
  protected readonly cameraOn = signal(true);
  protected readonly camera = signal<CameraState>('starting');
  protected readonly cameras = signal<readonly MediaDeviceInfo[]>([]);
  protected readonly device = signal<MediaDeviceInfo | undefined>(undefined);
  protected readonly torchAvailable = signal(false);
  protected readonly torchOn = signal(false);
  protected readonly manualForm = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
  });
  protected readonly timeZone = deviceTimeZone();

  protected readonly verdict = computed<DoorVerdict | null>(() => {
    const answer = this.store.answer();
    return answer
      ? doorVerdict(answer, (iso) =>
          formatDateTime(iso, this.timeZone, undefined, 'time'),
        )
      : null;
  });

  protected readonly problemText = computed(() => {
    if (this.store.unreadable()) {
      return 'That is not a Foyer ticket code.';
    }
    const problem = this.store.problem();
    if (!problem) {
      return '';
    }
    return describeProblem(problem, DOOR_WORDS);
  });

  constructor() {
    void this.loadPerformances();
  }

  protected choose(id: string): void {
    this.feedback.unlock();
    this.select(id || null);
  }

  protected chooseCamera(id: string): void {
    this.device.set(this.cameras().find((camera) => camera.deviceId === id));
    this.torchOn.set(false);
  }

  protected camerasFound(devices: MediaDeviceInfo[]): void {
    this.cameras.set(devices);
    this.camera.set('on');
    // Prefer the back camera on phones; the scanner picks the first otherwise.
    this.device.update(
      (current) =>
        current ??
        devices.find((d) => /back|rear|environment/i.test(d.label)) ??
        devices[0],
    );
  }

  protected permission(granted: boolean): void {
    this.camera.set(granted ? 'on' : 'denied');
  }

  protected toggleCamera(): void {
    this.cameraOn.update((on) => !on);
    this.torchOn.set(false);
  }

  protected async scanned(
    text: string,
    source: ScanSource = 'camera',
  ): Promise<void> {
    const answer = await this.store.submit(text, source);
    if (answer) {
      this.feedback.signal(doorVerdict(answer, String).tone);
    } else if (this.store.phase() === 'result') {
      this.feedback.signal('bad');
    }
  }

  protected async enterManually(): Promise<void> {
    this.feedback.unlock();
    const code = this.manualForm.controls.code;
    if (code.invalid) {
      return;
    }
    if (this.store.phase() !== 'ready' && this.store.phase() !== 'result') {
      return;
    }
    await this.scanned(code.value, 'manual');
    if (this.store.answer()) {
      code.reset();
    }
  }

  protected async confirm(): Promise<void> {
    this.feedback.unlock();
    const answer = await this.store.confirm();
    if (answer) {
      this.feedback.signal(doorVerdict(answer, String).tone);
      if (answer.state === 'CHECKED_IN') {
        void this.count.refresh();
      }
    }
  }

  private select(id: string | null): void {
    this.store.choosePerformance(id);
    if (id) {
      this.count.watch(id);
    }
  }

  /** Never rejects: failures land in `loadError()`. */
  private async loadPerformances(): Promise<void> {
    try {
      const list = await firstValueFrom(this.api.performances());
      this.performances.set(list);
      this.select(defaultPerformance(list)?.id ?? null);
    } catch (error) {
      this.loadError.set(describeProblem(toApiError(error), DOOR_WORDS));
    }
  }
}
