import { Injectable, signal } from '@angular/core';

/**
 * A short two-note chime for new orders (WebAudio, nothing downloaded). Browsers only let
 * audio start after a user gesture, so the board calls `unlock` on the first tap; until
 * then `ready` is false and the board offers a "Turn on sound" button.
 */
@Injectable()
export class OrderChime {
  private audio: AudioContext | null = null;
  readonly ready = signal(false);

  unlock(): void {
    try {
      this.audio ??=
        typeof AudioContext === 'undefined' ? null : new AudioContext();
      this.audio
        ?.resume()
        .then(() => this.ready.set(true))
        // Cannot resume: no chime, and `ready` stays false so the button stays on offer.
        .catch(() => undefined);
    } catch {
      this.audio = null;
    }
  }

  play(): void {
    const audio = this.audio;
    if (!audio || audio.state !== 'running') {
      return;
    }
    [660, 880].forEach((frequency, i) => {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      const at = audio.currentTime + i * 0.14;
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, at);
      gain.gain.exponentialRampToValueAtTime(0.001, at + 0.12);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.13);
    });
  }
}
