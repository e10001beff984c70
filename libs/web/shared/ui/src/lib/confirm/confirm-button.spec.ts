import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ConfirmButton } from './confirm-button';

@Component({
  imports: [ConfirmButton],
  template: `
    <foyer-confirm-button
      label="Delete"
      target="Hall"
      [question]="question()"
      confirmLabel="Yes, delete"
      [disabled]="busy()"
      (confirmed)="deleted = deleted + 1"
    />
  `,
})
class Host {
  readonly question = signal('Delete Hall?');
  readonly busy = signal(false);
  deleted = 0;
}

describe('ConfirmButton', () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const button = (text: string) =>
      Array.from(root.querySelectorAll('button')).find(
        (b) => b.textContent?.trim() === text,
      );
    return { fixture, root, button };
  }

  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('names its target for screen readers only', async () => {
    const { root } = await render();
    const ask = root.querySelector('button');
    expect(ask?.textContent?.trim()).toBe('Delete Hall');
    expect(ask?.querySelector('.visually-hidden')?.textContent?.trim()).toBe(
      'Hall',
    );
  });

  it('asks in place and emits only on the confirm', async () => {
    const { fixture, root, button } = await render();
    button('Delete Hall')?.click();
    await fixture.whenStable();
    expect(fixture.componentInstance.deleted).toBe(0);
    const group = root.querySelector('[role="group"]');
    expect(group?.getAttribute('aria-label')).toBe('Delete Hall?');
    expect(group?.textContent).toContain('Delete Hall?');
    expect(document.activeElement).toBe(button('Keep'));
    button('Yes, delete')?.click();
    await fixture.whenStable();
    expect(fixture.componentInstance.deleted).toBe(1);
    expect(root.querySelector('[role="group"]')).toBeNull();
    expect(document.activeElement).toBe(button('Delete Hall'));
  });

  it('keeps on "Keep" and gives focus back to the button', async () => {
    const { fixture, button } = await render();
    button('Delete Hall')?.click();
    await fixture.whenStable();
    button('Keep')?.click();
    await fixture.whenStable();
    expect(fixture.componentInstance.deleted).toBe(0);
    expect(document.activeElement).toBe(button('Delete Hall'));
  });

  it('is disabled while the page is busy, and names the group without a question', async () => {
    const { fixture, root, button } = await render();
    fixture.componentInstance.busy.set(true);
    await fixture.whenStable();
    expect(button('Delete Hall')?.disabled).toBe(true);
    fixture.componentInstance.busy.set(false);
    fixture.componentInstance.question.set('');
    await fixture.whenStable();
    button('Delete Hall')?.click();
    await fixture.whenStable();
    expect(
      root.querySelector('[role="group"]')?.getAttribute('aria-label'),
    ).toBe('Delete Hall');
    fixture.componentInstance.busy.set(true);
    await fixture.whenStable();
    expect(button('Yes, delete')?.disabled).toBe(true);
  });
});
