import { FormControl, FormGroup } from '@angular/forms';
import { minorDigits } from '@foyer/web/shared/ui';
import { MenuItem, MenuItemInput } from '../data-access/staff-ordering.models';

/**
 * The item form: the price as typed ("4.50"), allergens comma-separated. Its rules are
 * the API's and are checked on save by `parseItemForm`, which words every problem.
 */
export function itemForm() {
  return new FormGroup({
    categoryId: new FormControl('', { nonNullable: true }),
    name: new FormControl('', { nonNullable: true }),
    description: new FormControl('', { nonNullable: true }),
    price: new FormControl('', { nonNullable: true }),
    currency: new FormControl('EUR', { nonNullable: true }),
    allergens: new FormControl('', { nonNullable: true }),
    available: new FormControl(true, { nonNullable: true }),
    position: new FormControl<number | null>(0),
  });
}

export type ItemForm = ReturnType<typeof itemForm>;
export type ItemFormValue = ReturnType<ItemForm['getRawValue']>;

export const emptyItemForm = (categoryId = ''): ItemFormValue => ({
  categoryId,
  name: '',
  description: '',
  price: '',
  currency: 'EUR',
  allergens: '',
  available: true,
  position: 0,
});

export const itemFormOf = (item: MenuItem): ItemFormValue => ({
  categoryId: item.categoryId,
  name: item.name,
  description: item.description,
  price: (item.priceCents / 10 ** minorDigits(item.currency)).toFixed(
    minorDigits(item.currency),
  ),
  currency: item.currency,
  allergens: item.allergens.join(', '),
  available: item.available,
  position: item.position,
});

/**
 * The API body from the form, or the field problems (same limits as the API: name ≤120,
 * description ≤500, price 0–100 000.00, ISO currency, ≤14 allergens of ≤40 chars).
 * Prices are typed in major units and sent as integer minor units of the currency
 * (cents for EUR, yen for JPY).
 */
export function parseItemForm(
  value: ItemFormValue,
):
  | { body: MenuItemInput }
  | { errors: Partial<Record<keyof ItemFormValue, string>> } {
  const errors: Partial<Record<keyof ItemFormValue, string>> = {};
  const name = value.name.trim();
  const description = value.description.trim();
  const priceText = value.price.trim().replace(',', '.');
  const currency = value.currency.trim().toUpperCase();
  const allergens = value.allergens
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  // An emptied position field means the first place, as it always has.
  const position = value.position ?? 0;
  if (!value.categoryId) errors.categoryId = 'Choose a category.';
  if (!name || name.length > 120)
    errors.name = 'Enter a name of 1 to 120 characters.';
  if (description.length > 500) errors.description = 'At most 500 characters.';
  const digits = minorDigits(currency);
  const priceFormat =
    digits === 0 ? /^\d{1,9}$/ : new RegExp(`^\\d{1,6}(\\.\\d{1,${digits}})?$`);
  const priceCents = Math.round(Number(priceText) * 10 ** digits);
  if (!priceFormat.test(priceText) || priceCents > 10_000_000) {
    errors.price =
      digits === 0
        ? `A whole amount in ${currency}, within 10000000.`
        : `A price like 4.50, from 0 to ${10_000_000 / 10 ** digits}.`;
  }
  if (!/^[A-Z]{3}$/.test(currency))
    errors.currency = 'A three-letter currency code, e.g. EUR.';
  if (allergens.length > 14 || allergens.some((a) => a.length > 40)) {
    errors.allergens = 'At most 14 allergens of up to 40 characters each.';
  }
  if (!Number.isInteger(position) || position < 0)
    errors.position = 'A whole number from 0.';
  if (Object.keys(errors).length > 0) {
    return { errors };
  }
  return {
    body: {
      categoryId: value.categoryId,
      name,
      description,
      priceCents,
      currency,
      allergens,
      available: value.available,
      position,
    },
  };
}
