import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { BadgeTone, StatusBadge } from './status-badge';

@Component({
  imports: [StatusBadge],
  template: `<foyer-status-badge data-testid="badge" [tone]="tone()"
    >Invited</foyer-status-badge
  >`,
})
class Host {
  readonly tone = signal<BadgeTone>('neutral');
}

describe('StatusBadge', () => {
  it('is the badge itself: its words, its test id and its tone', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const badge = (fixture.nativeElement as HTMLElement).querySelector(
      '[data-testid="badge"]',
    );
    expect(badge?.textContent).toBe('Invited');
    expect(badge?.classList).toContain('badge');
    expect(badge?.classList).not.toContain('badge-ok');
    fixture.componentInstance.tone.set('ok');
    await fixture.whenStable();
    expect(badge?.classList).toContain('badge-ok');
    fixture.componentInstance.tone.set('bad');
    await fixture.whenStable();
    expect(badge?.classList).toContain('badge-bad');
    expect(badge?.classList).not.toContain('badge-ok');
  });
});
