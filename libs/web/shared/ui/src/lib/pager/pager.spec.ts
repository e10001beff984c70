import { TestBed } from '@angular/core/testing';
import { Pager } from './pager';

describe('Pager', () => {
  async function render(hasMore: boolean, loading: boolean) {
    const fixture = TestBed.createComponent(Pager);
    fixture.componentRef.setInput('hasMore', hasMore);
    fixture.componentRef.setInput('loading', loading);
    const more = jest.fn();
    fixture.componentInstance.more.subscribe(more);
    await fixture.whenStable();
    return { root: fixture.nativeElement as HTMLElement, more };
  }

  it('is empty on the last page', async () => {
    const { root } = await render(false, false);
    expect(root.querySelector('button')).toBeNull();
  });

  it('asks for more, and is disabled while loading', async () => {
    const { root, more } = await render(true, false);
    root.querySelector('button')?.click();
    expect(more).toHaveBeenCalledTimes(1);
    const busy = await render(true, true);
    expect(busy.root.querySelector('button')?.disabled).toBe(true);
    expect(busy.root.querySelector('button')?.textContent).toContain(
      'Loading…',
    );
  });
});
