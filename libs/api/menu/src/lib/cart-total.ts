export const MIN_LINE_QUANTITY = 1;
export const MAX_LINE_QUANTITY = 20;

export interface CartLinePrice {
  unitPriceCents: number;
  quantity: number;
}

/**
 * The total of a cart in integer minor units. Prices come from the menu, quantities from
 * validated input; anything else here (a fraction of a cent, a negative price, a quantity
 * outside 1–20, a total beyond exact integer range) is a bug upstream, so it throws
 * instead of charging a wrong amount.
 */
export function cartTotal(lines: readonly CartLinePrice[]): number {
  let total = 0;
  lines.forEach((line, i) => {
    if (!Number.isSafeInteger(line.unitPriceCents) || line.unitPriceCents < 0) {
      throw new RangeError(
        `line ${i}: unitPriceCents must be a non-negative integer`,
      );
    }
    if (
      !Number.isSafeInteger(line.quantity) ||
      line.quantity < MIN_LINE_QUANTITY ||
      line.quantity > MAX_LINE_QUANTITY
    ) {
      throw new RangeError(
        `line ${i}: quantity must be an integer from ${MIN_LINE_QUANTITY} to ${MAX_LINE_QUANTITY}`,
      );
    }
    total += line.unitPriceCents * line.quantity;
    if (!Number.isSafeInteger(total)) {
      throw new RangeError('cart total exceeds the exact integer range');
    }
  });
  return total;
}
