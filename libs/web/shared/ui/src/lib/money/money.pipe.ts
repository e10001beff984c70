import { Pipe, PipeTransform } from '@angular/core';
import { formatMoney } from './format-money';

/** `{{ item.priceCents | money: item.currency }}`: `formatMoney` in the browser's locale. */
@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(minor: number, currency: string): string {
    return formatMoney(minor, currency);
  }
}
