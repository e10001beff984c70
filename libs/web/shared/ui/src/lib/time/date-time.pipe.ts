import { Pipe, PipeTransform } from '@angular/core';
import { DateTimeStyle, formatDateTime } from './format-date-time';

/** `{{ iso | dateTime: timeZone : 'time' }}`: `formatDateTime` in the browser's locale. */
@Pipe({ name: 'dateTime' })
export class DateTimePipe implements PipeTransform {
  transform(
    iso: string | null | undefined,
    timeZone: string | null,
    style: DateTimeStyle = 'medium',
  ): string {
    return formatDateTime(iso, timeZone, undefined, style);
  }
}
