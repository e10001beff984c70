/**
 * Keeps a QR held in front of the camera from being submitted again and again: the same
 * text is refused for `windowMs` after it was last accepted; another text is accepted at
 * once. Manual entry bypasses it.
 */
export class DuplicateScanFilter {
  private last: { readonly text: string; readonly at: number } | null = null;

  constructor(
    private readonly windowMs = 5000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  accept(text: string): boolean {
    const at = this.now();
    if (
      this.last &&
      this.last.text === text &&
      at - this.last.at < this.windowMs
    ) {
      return false;
    }
    this.last = { text, at };
    return true;
  }
}
