import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Permission } from '@foyer/contracts';
import { SessionStore, toApiError } from '@foyer/web/data-access';
import { PagedList } from '@foyer/web/dashboard-data-access';
import {
  DataTable,
  EmptyState,
  MoneyPipe,
  ProblemMessage,
} from '@foyer/web/shared/ui';
import { StaffOrderingApi } from '../data-access/staff-ordering.api';
import { MenuCategory, MenuItem } from '../data-access/staff-ordering.models';
import { describeStaffError } from '../data-access/staff-text';
import {
  ItemFormValue,
  emptyItemForm,
  itemForm,
  itemFormOf,
  parseItemForm,
} from './menu-form';

type ItemErrors = Partial<Record<keyof ItemFormValue, string>>;

/** `/staff/menu` (menu:view; editing with menu:edit): categories, items, item images. */
@Component({
  selector: 'foyer-menu-page',
  imports: [
    ReactiveFormsModule,
    DataTable,
    EmptyState,
    MoneyPipe,
    ProblemMessage,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './menu-page.html',
  styles: `
    .row,
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      align-items: end;
    }
    .editor {
      max-width: 36rem;
      margin-bottom: 2rem;
    }
    .thumb {
      width: 3rem;
      height: 3rem;
      object-fit: cover;
      border-radius: 0.25rem;
    }
    .field-error {
      color: var(--foyer-bad);
      min-height: 1.25rem;
      margin: 0;
    }
  `,
})
export class MenuPage {
  private readonly api = inject(StaffOrderingApi);
  private readonly session = inject(SessionStore);

  protected readonly canEdit = computed(() =>
    this.session.can(Permission.MENU_EDIT),
  );
  protected readonly categories = new PagedList<MenuCategory>((cursor) =>
    this.api.categories(cursor),
  );
  protected readonly items = new PagedList<MenuItem>((cursor) =>
    this.api.items(cursor),
  );
  protected readonly status = signal('');
  protected readonly busy = signal(false);
  protected readonly columns = computed(() => [
    'Item',
    'Price',
    'Allergens',
    'Available',
    'Image',
    ...(this.canEdit() ? ['Actions'] : []),
  ]);

  protected readonly categoryForm = new FormGroup({
    name: new FormControl('', { nonNullable: true }),
    position: new FormControl<number | null>(0),
  });
  protected readonly editingCategory = signal<MenuCategory | null>(null);

  protected readonly itemForm = itemForm();
  protected readonly editingItem = signal<MenuItem | null>(null);
  protected readonly itemErrors = signal<ItemErrors>({});

  protected readonly grouped = computed(() =>
    this.categories.items().map((category) => ({
      category,
      items: this.items
        .items()
        .filter((item) => item.categoryId === category.id),
    })),
  );

  constructor() {
    this.reload();
  }

  protected reload(): void {
    void this.categories.loadAll();
    void this.items.loadAll();
  }

  protected editCategory(category: MenuCategory): void {
    this.editingCategory.set(category);
    this.categoryForm.setValue({
      name: category.name,
      position: category.position,
    });
  }

  protected resetCategory(): void {
    this.editingCategory.set(null);
    this.categoryForm.reset({ name: '', position: 0 });
  }

  protected async saveCategory(): Promise<void> {
    const name = this.categoryForm.controls.name.value.trim();
    // An emptied position field means the first place, as it always has.
    const position = this.categoryForm.controls.position.value ?? 0;
    if (
      !name ||
      name.length > 80 ||
      !Number.isInteger(position) ||
      position < 0
    ) {
      this.status.set(
        'A category needs a name of 1 to 80 characters and a position from 0.',
      );
      return;
    }
    const editing = this.editingCategory();
    await this.run(async () => {
      const saved = await this.api.saveCategory(editing?.id ?? null, {
        name,
        position,
      });
      this.categories.upsert(saved);
      this.resetCategory();
      return editing ? `${saved.name} was saved.` : `${saved.name} was added.`;
    });
  }

  protected async deleteCategory(category: MenuCategory): Promise<void> {
    await this.run(async () => {
      await this.api.deleteCategory(category.id);
      this.categories.remove(category.id);
      return `${category.name} was deleted.`;
    });
  }

  protected newItem(category: MenuCategory): void {
    this.editingItem.set(null);
    this.itemErrors.set({});
    this.itemForm.reset(emptyItemForm(category.id));
  }

  protected editItem(item: MenuItem): void {
    this.editingItem.set(item);
    this.itemErrors.set({});
    this.itemForm.setValue(itemFormOf(item));
  }

  protected resetItem(): void {
    this.editingItem.set(null);
    this.itemErrors.set({});
    this.itemForm.reset(emptyItemForm(this.categories.items()[0]?.id ?? ''));
  }

  protected async saveItem(): Promise<void> {
    const parsed = parseItemForm(this.itemForm.getRawValue());
    if ('errors' in parsed) {
      this.itemErrors.set(parsed.errors);
      this.status.set('Check the fields marked in the item form.');
      return;
    }
    this.itemErrors.set({});
    const editing = this.editingItem();
    await this.run(async () => {
      const saved = await this.api.saveItem(editing?.id ?? null, parsed.body);
      this.items.upsert(saved);
      this.resetItem();
      return editing ? `${saved.name} was saved.` : `${saved.name} was added.`;
    });
  }

  protected async deleteItem(item: MenuItem): Promise<void> {
    await this.run(async () => {
      await this.api.deleteItem(item.id);
      this.items.remove(item.id);
      return `${item.name} was deleted.`;
    });
  }

  protected async upload(
    item: MenuItem,
    input: HTMLInputElement,
  ): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) {
      return;
    }
    await this.run(async () => {
      this.items.upsert(await this.api.uploadImage(item.id, file));
      return `The image of ${item.name} was uploaded.`;
    });
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
