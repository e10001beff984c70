import { TestBed } from '@angular/core/testing';
import { Announce, ProblemMessage } from './problem-message';

describe('ProblemMessage', () => {
  async function render(inputs: {
    message?: string;
    announce?: Announce;
    retryable?: boolean;
    success?: boolean;
  }) {
    const fixture = TestBed.createComponent(ProblemMessage);
    for (const [name, value] of Object.entries(inputs)) {
      fixture.componentRef.setInput(name, value);
    }
    const retry = jest.fn();
    fixture.componentInstance.retry.subscribe(retry);
    await fixture.whenStable();
    return { fixture, host: fixture.nativeElement as HTMLElement, retry };
  }

  it('is an empty assertive region until there is something to say', async () => {
    const { fixture, host } = await render({});
    expect(host.getAttribute('aria-live')).toBe('assertive');
    expect(host.getAttribute('aria-atomic')).toBe('true');
    expect(host.classList).toContain('form-status');
    expect(host.querySelector('p')).toBeNull();
    fixture.componentRef.setInput('message', '<b>Check the fields</b>');
    await fixture.whenStable();
    expect(host.querySelector('p')?.textContent?.trim()).toBe(
      '<b>Check the fields</b>',
    );
    expect(host.querySelector('b')).toBeNull();
  });

  it('announces politely, or as an alert', async () => {
    const polite = await render({ message: 'x', announce: 'polite' });
    expect(polite.host.getAttribute('aria-live')).toBe('polite');
    expect(polite.host.getAttribute('role')).toBeNull();
    const alert = await render({ message: 'x', announce: 'alert' });
    expect(alert.host.getAttribute('role')).toBe('alert');
    expect(alert.host.getAttribute('aria-live')).toBeNull();
  });

  it('offers to try again only when asked to', async () => {
    const plain = await render({ message: 'Could not load.' });
    expect(plain.host.querySelector('button')).toBeNull();
    const { host, retry } = await render({
      message: 'Could not load.',
      retryable: true,
    });
    const button = host.querySelector<HTMLButtonElement>('button.link-button');
    expect(button?.textContent?.trim()).toBe('Try again');
    button?.click();
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('can report a success in the same place', async () => {
    const { host } = await render({ message: 'Saved.', success: true });
    expect(host.classList).toContain('ok');
  });
});
