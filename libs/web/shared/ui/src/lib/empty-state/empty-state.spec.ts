import { TestBed } from '@angular/core/testing';
import { EmptyState } from './empty-state';

describe('EmptyState', () => {
  it('says it is loading, then why the list is empty', async () => {
    const fixture = TestBed.createComponent(EmptyState);
    fixture.componentRef.setInput('message', 'No rooms yet.');
    fixture.componentRef.setInput('loading', true);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.textContent?.trim()).toBe('Loading…');
    fixture.componentRef.setInput('loading', false);
    await fixture.whenStable();
    expect(host.textContent?.trim()).toBe('No rooms yet.');
  });
});
