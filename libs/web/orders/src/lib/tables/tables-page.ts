import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Permission } from '@foyer/contracts';
import { SessionStore, toApiError } from '@foyer/web/data-access';
import { PagedList } from '@foyer/web/dashboard-data-access';
import { ConfirmButton, DataTable, ProblemMessage } from '@foyer/web/shared/ui';
import { StaffOrderingApi } from '../data-access/staff-ordering.api';
import { DiningTable } from '../data-access/staff-ordering.models';
import { describeStaffError } from '../data-access/staff-text';

/** An SVG from the API shown as an inert image: a `data:` URL is never parsed as markup here. */
export function svgDataUrl(svg: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(svg)) {
    binary += String.fromCharCode(byte);
  }
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** `/staff/tables` (tables:manage): tables, their QR codes, code rotation, closing a sitting. */
@Component({
  selector: 'foyer-tables-page',
  imports: [ReactiveFormsModule, ConfirmButton, DataTable, ProblemMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tables-page.html',
  styles: `
    .row-actions,
    .create {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      align-items: end;
    }
    .qr {
      display: block;
      width: 12rem;
      height: 12rem;
      margin: 0.5rem 0;
      padding: 0.5rem;
      background: #fff;
    }
    dialog {
      max-width: 28rem;
      border: 1px solid var(--foyer-line);
      border-radius: 0.5rem;
    }
    code {
      word-break: break-all;
    }
  `,
})
export class TablesPage {
  private readonly api = inject(StaffOrderingApi);
  private readonly session = inject(SessionStore);

  protected readonly list = new PagedList<DiningTable>((cursor) =>
    this.api.tables(cursor),
  );
  protected readonly canCloseSitting = computed(() =>
    this.session.can(Permission.ORDERS_UPDATE),
  );
  protected readonly status = signal('');
  protected readonly createForm = new FormGroup({
    label: new FormControl('', { nonNullable: true }),
  });
  protected readonly renaming = signal<string | null>(null);
  protected readonly renameLabel = new FormControl('', { nonNullable: true });
  protected readonly columns = ['Table', 'Diner address', 'Actions'];
  protected readonly qr = signal<{ id: string; src: string } | null>(null);
  protected readonly rotating = signal<DiningTable | null>(null);
  protected readonly busy = signal(false);
  protected readonly sheetUrl = this.api.qrSheetUrl();
  private readonly rotateDialog =
    viewChild<ElementRef<HTMLDialogElement>>('rotateDialog');

  constructor() {
    void this.list.loadAll();
  }

  protected async create(): Promise<void> {
    const label = this.createForm.controls.label.value.trim();
    if (!label || label.length > 60) {
      this.status.set('Enter a label of 1 to 60 characters.');
      return;
    }
    await this.run(async () => {
      const table = await this.api.createTable(label);
      this.list.upsert(table);
      this.createForm.reset();
      return `${table.label} was added.`;
    });
  }

  protected startRename(table: DiningTable): void {
    this.renaming.set(table.id);
    this.renameLabel.setValue(table.label);
  }

  protected async rename(table: DiningTable): Promise<void> {
    const label = this.renameLabel.value.trim();
    if (!label || label.length > 60) {
      this.status.set('Enter a label of 1 to 60 characters.');
      return;
    }
    await this.run(async () => {
      const saved = await this.api.renameTable(table.id, label);
      this.list.upsert(saved);
      this.renaming.set(null);
      return `${table.label} is now ${saved.label}.`;
    });
  }

  protected async remove(table: DiningTable): Promise<void> {
    await this.run(async () => {
      await this.api.deleteTable(table.id);
      this.list.remove(table.id);
      return `${table.label} was deleted.`;
    });
  }

  protected async showQr(table: DiningTable): Promise<void> {
    if (this.qr()?.id === table.id) {
      this.qr.set(null);
      return;
    }
    await this.run(async () => {
      const svg = await this.api.tableQrSvg(table.id);
      this.qr.set({ id: table.id, src: svgDataUrl(svg) });
      return `QR code of ${table.label} shown.`;
    });
  }

  protected askRotate(table: DiningTable): void {
    this.rotating.set(table);
    this.rotateDialog()?.nativeElement.showModal();
  }

  protected closeRotate(): void {
    this.rotateDialog()?.nativeElement.close();
    this.rotating.set(null);
  }

  protected async rotate(): Promise<void> {
    const table = this.rotating();
    this.closeRotate();
    if (!table) {
      return;
    }
    await this.run(async () => {
      const saved = await this.api.rotateCode(table.id);
      this.list.upsert(saved);
      if (this.qr()?.id === table.id) {
        this.qr.set({
          id: table.id,
          src: svgDataUrl(await this.api.tableQrSvg(table.id)),
        });
      }
      return `${table.label} has a new code; print its new QR code. The old one no longer works.`;
    });
  }

  protected async closeSitting(table: DiningTable): Promise<void> {
    await this.run(async () => {
      await this.api.closeSitting(table.id);
      return `The sitting at ${table.label} was closed: cart and sessions cleared.`;
    });
  }

  protected dinerUrl(table: DiningTable): string {
    return `${globalThis.location?.origin ?? ''}/t/${table.code}`;
  }

  private async run(action: () => Promise<string>): Promise<void> {
    this.busy.set(true);
    try {
      this.status.set(await action());
    } catch (error) {
      this.status.set(describeStaffError(toApiError(error)));
    } finally {
      this.busy.set(false);
    }
  }
}
