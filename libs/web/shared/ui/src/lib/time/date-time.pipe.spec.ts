import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DateTimePipe } from './date-time.pipe';
import { formatDateTime } from './format-date-time';

@Component({
  imports: [DateTimePipe],
  template: `<time [attr.datetime]="at()">{{
      at() | dateTime: zone() : 'time'
    }}</time>
    <span>{{ at() | dateTime: zone() }}</span>`,
})
class Host {
  readonly at = signal('2030-03-16T18:30:00.000Z');
  readonly zone = signal('Europe/Berlin');
}

describe('DateTimePipe', () => {
  it('formats in the zone the template passes, in the given style', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('time')?.textContent).toBe(
      formatDateTime(
        '2030-03-16T18:30:00.000Z',
        'Europe/Berlin',
        undefined,
        'time',
      ),
    );
    expect(root.querySelector('span')?.textContent).toBe(
      formatDateTime('2030-03-16T18:30:00.000Z', 'Europe/Berlin'),
    );
    fixture.componentInstance.zone.set('America/New_York');
    await fixture.whenStable();
    expect(root.querySelector('time')?.textContent).toBe(
      formatDateTime(
        '2030-03-16T18:30:00.000Z',
        'America/New_York',
        undefined,
        'time',
      ),
    );
  });
});
