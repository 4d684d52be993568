// A barcode scanner types its code and then Enter. In a field followed by another that is still
// empty, that Enter moves on to the next field instead of submitting the form half filled.
// Call it from the field's onKeyDown with the next field's element.
import type { KeyboardEvent } from 'react';

export function enterGoesTo(event: KeyboardEvent<HTMLInputElement>, next: HTMLInputElement | null): void {
  if (event.key !== 'Enter' || !next || next.value.trim() !== '') return;
  event.preventDefault();
  next.focus();
}
