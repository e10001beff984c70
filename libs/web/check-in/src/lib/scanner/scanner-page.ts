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
import { ApiError, NETWORK_ERROR } from '@foyer/web/data-access';
import { ZXingScannerModule } from '@zxing/ngx-scanner';
import { BarcodeFormat } from '@zxing/library';
import { firstValueFrom } from 'rxjs';
import { CheckInApi } from '../data-access/check-in.api';
import { DoorPerformance } from '../data-access/check-in.models';
import { DoorCount } from '../data-access/door-count';
import { DoorFeedback } from './door-feedback';
import { DoorVerdict, doorVerdict } from './door-verdict';
import { ScanSource, ScannerStore } from './scanner.store';

const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const format = (f: Intl.DateTimeFormat) => (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : f.format(date);
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
  imports: [ReactiveFormsModule, ZXingScannerModule],
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
  protected readonly dateTime = format(DATE_TIME);

  protected readonly verdict = computed<DoorVerdict | null>(() => {
    const answer = this.store.answer();
    return answer ? doorVerdict(answer, format(TIME)) : null;
  });

  protected readonly problemText = computed(() => {
    if (this.store.unreadable()) {
      return 'That is not a Foyer ticket code.';
    }
    const problem = this.store.problem();
    if (!problem) {
      return '';
    }
    return describe(problem);
  });

  constructor() {
    void this.loadPerformances();
  }

  protected choose(event: Event): void {
    this.feedback.unlock();
    const id = (event.target as HTMLSelectElement).value || null;
    this.select(id);
  }

  protected chooseCamera(event: Event): void {
    const id = (event.target as HTMLSelectElement).value;
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
      this.loadError.set(
        describe(
          error instanceof ApiError ? error : new ApiError(0, 'INTERNAL', ''),
        ),
      );
    }
  }
}

function describe(error: ApiError): string {
  switch (error.code) {
    case NETWORK_ERROR:
      return 'No connection to the server. Check the network and try again.';
    case ErrorCode.FORBIDDEN:
      return 'Your role cannot check tickets in.';
    case ErrorCode.UNAUTHENTICATED:
      return 'Your session has ended. Sign in again.';
    case ErrorCode.RATE_LIMITED:
      return 'Too many scans at once. Wait a moment and try again.';
    default:
      return 'Something went wrong. Try again.';
  }
}
