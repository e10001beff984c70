import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { formatMoney } from './format-money';
import { MoneyPipe } from './money.pipe';

@Component({
  imports: [MoneyPipe],
  template: `<p>{{ 450 | money: 'EUR' }}</p>
    <p>{{ 980 | money: 'JPY' }}</p>`,
})
class Host {}

describe('MoneyPipe', () => {
  it('formats minor units in the currency the template names', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const texts = Array.from(
      (fixture.nativeElement as HTMLElement).querySelectorAll('p'),
    ).map((p) => p.textContent);
    expect(texts).toEqual([formatMoney(450, 'EUR'), formatMoney(980, 'JPY')]);
  });
});
