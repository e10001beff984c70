import { minorDigits } from '@foyer/web/shared/ui';
import { emptyItemForm, itemFormOf, parseItemForm } from './menu-form';

describe('parseItemForm', () => {
  it('turns the form into the API body with integer minor units', () => {
    const result = parseItemForm({
      ...emptyItemForm('c1'),
      name: '  Pale ale ',
      price: '4,5',
      currency: 'eur',
      allergens: 'gluten, , barley',
      position: 2,
    });
    expect(result).toEqual({
      body: {
        categoryId: 'c1',
        name: 'Pale ale',
        description: '',
        priceCents: 450,
        currency: 'EUR',
        allergens: ['gluten', 'barley'],
        available: true,
        position: 2,
      },
    });
  });

  it('uses the currency’s own minor unit: yen have none, dinars three', () => {
    expect([
      minorDigits('EUR'),
      minorDigits('JPY'),
      minorDigits('BHD'),
    ]).toEqual([2, 0, 3]);
    const yen = parseItemForm({
      ...emptyItemForm('c1'),
      name: 'Ramen',
      price: '980',
      currency: 'JPY',
    });
    expect(yen).toMatchObject({ body: { priceCents: 980, currency: 'JPY' } });
    expect(
      parseItemForm({
        ...emptyItemForm('c1'),
        name: 'Ramen',
        price: '9.80',
        currency: 'JPY',
      }),
    ).toMatchObject({
      errors: { price: expect.any(String) },
    });
    expect(
      itemFormOf({
        id: 'i1',
        categoryId: 'c1',
        name: 'Ramen',
        description: '',
        priceCents: 980,
        currency: 'JPY',
        allergens: [],
        available: true,
        position: 0,
      } as Parameters<typeof itemFormOf>[0]).price,
    ).toBe('980');
  });

  it('names each field the API would refuse', () => {
    const result = parseItemForm({
      ...emptyItemForm(),
      price: '4.555',
      currency: 'EURO',
      position: -1,
    });
    expect('errors' in result && Object.keys(result.errors).sort()).toEqual([
      'categoryId',
      'currency',
      'name',
      'position',
      'price',
    ]);
  });
});
