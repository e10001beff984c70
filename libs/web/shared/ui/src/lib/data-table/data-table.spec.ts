import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DataTable } from './data-table';

@Component({
  imports: [DataTable],
  template: `
    <h2 id="rooms-title">Rooms</h2>
    <foyer-data-table
      labelledBy="rooms-title"
      testId="rooms-table"
      [columns]="['Name', 'Capacity', { label: 'Actions', hidden: true }]"
      [empty]="rooms().length === 0"
      [loading]="loading()"
      emptyText="No rooms yet."
    >
      @for (room of rooms(); track room) {
        <tr>
          <th scope="row">{{ room }}</th>
          <td data-label="Capacity">10</td>
          <td><button type="button">Edit</button></td>
        </tr>
      }
    </foyer-data-table>
  `,
})
class Host {
  readonly rooms = signal<string[]>([]);
  readonly loading = signal(true);
}

describe('DataTable', () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  it('is a named, focusable scrolling region around a stacking table', async () => {
    const { root } = await render();
    const region = root.querySelector('[role="region"]');
    expect(region?.getAttribute('aria-labelledby')).toBe('rooms-title');
    expect(region?.getAttribute('tabindex')).toBe('0');
    const table = region?.querySelector('table');
    expect(table?.getAttribute('data-testid')).toBe('rooms-table');
    expect(table?.classList).toContain('stack');
    const headings = Array.from(root.querySelectorAll('thead th'));
    expect(headings.map((th) => th.getAttribute('scope'))).toEqual([
      'col',
      'col',
      'col',
    ]);
    expect(headings.map((th) => th.textContent?.trim())).toEqual([
      'Name',
      'Capacity',
      'Actions',
    ]);
    expect(headings[2].querySelector('.visually-hidden')).not.toBeNull();
  });

  it('says loading, then empty, across every column', async () => {
    const { fixture, root } = await render();
    const cell = () => root.querySelector('tbody td');
    expect(cell()?.getAttribute('colspan')).toBe('3');
    expect(cell()?.textContent?.trim()).toBe('Loading…');
    fixture.componentInstance.loading.set(false);
    await fixture.whenStable();
    expect(cell()?.textContent?.trim()).toBe('No rooms yet.');
  });

  it('shows the page’s rows in its body, and no empty row beside them', async () => {
    const { fixture, root } = await render();
    fixture.componentInstance.rooms.set(['Hall', 'Studio']);
    await fixture.whenStable();
    const rows = Array.from(root.querySelectorAll('table tbody tr'));
    expect(rows.map((tr) => tr.querySelector('th')?.textContent)).toEqual([
      'Hall',
      'Studio',
    ]);
    expect(root.textContent).not.toContain('No rooms yet.');
  });
});
