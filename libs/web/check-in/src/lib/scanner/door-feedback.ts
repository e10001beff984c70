import { Injectable } from '@angular/core';
import { Tone } from './door-verdict';

/** Vibration and a short beep where the browser allows them; silence is never an error. */
@Injectable()
export class DoorFeedback {
  private audio: AudioContext | null = null;

  /** Call from a user gesture: browsers only let audio start after one. */
  unlock(): void {
    try {
      this.audio ??=
        typeof AudioContext === 'undefined' ? null : new AudioContext();
      // A context that cannot resume just means no beep.
      this.audio?.resume().catch(() => undefined);
    } catch {
      this.audio = null;
    }
  }

  signal(tone: Tone): void {
    try {
      navigator.vibrate?.(tone === 'ok' ? 120 : [80, 60, 80, 60, 80]);
    } catch {
      // Not allowed here (no user activation yet, or no vibration motor).
    }
    this.beep(
      tone === 'ok' ? 880 : tone === 'warn' ? 440 : 220,
      tone === 'ok' ? 0.12 : 0.3,
    );
  }

  private beep(frequency: number, seconds: number): void {
    const audio = this.audio;
    if (!audio || audio.state !== 'running') {
      return;
    }
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + seconds);
  }
}
