import { emptyItemForm, parseItemForm } from './menu-form';

describe('parseItemForm', () => {
  it('turns the form into the API body with integer minor units', () => {
    const result = parseItemForm({
      ...emptyItemForm('c1'),
      name: '  Pale ale ',
      price: '4,5',
      currency: 'eur',
      allergens: 'gluten, , barley',
      position: '2',
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

  it('names each field the API would refuse', () => {
    const result = parseItemForm({
      ...emptyItemForm(),
      price: '4.555',
      currency: 'EURO',
      position: '-1',
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
