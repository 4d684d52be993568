// Page object for the Fill and Verify screens: reader tiles found by their reader's name (the
// order pcscd lists readers in is not the test's business), the batch counters, starting a batch,
// authorising a re-fill, verifying the chip in a reader.
import { expect, type Locator, type Page } from '@playwright/test';

export type BatchCounter = 'filled' | 'failed' | 'refused' | 'in-progress';

export class FillLinePage {
  readonly batchPanel: Locator;

  constructor(readonly page: Page) {
    this.batchPanel = page.getByTestId('batch-panel');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-fill').click();
    await expect(this.page.getByTestId('screen-fill')).toBeVisible();
  }

  /** The tile of a reader (data-testid reader-<index>, data-reader = its name). */
  tile(reader: string): Locator {
    return this.page.locator(`.fill-readers [data-testid^="reader-"][data-reader="${reader}"]`);
  }

  counter(name: BatchCounter): Locator {
    return this.page.getByTestId(`batch-${name}`);
  }

  /** Waits until the UI shows no chip in the reader (pcscd sees a removal ~0.3 s later). */
  async expectEmpty(reader: string): Promise<void> {
    await expect(this.tile(reader)).toHaveAttribute('data-card', 'absent');
  }

  async startBatch(order: { workOrder: string; chips: number; poolSize: number }): Promise<void> {
    const form = this.page.getByTestId('batch-start-form');
    await expect(form).toBeVisible();
    await form.getByTestId('batch-work-order-input').fill(order.workOrder);
    await form.getByTestId('batch-chips-input').fill(String(order.chips));
    await form.getByTestId('batch-pool-size-input').fill(String(order.poolSize));
    await form.getByTestId('batch-start').click();
    await expect(this.batchPanel).toHaveAttribute('data-state', 'open');
    await expect(this.page.getByTestId('batch-work-order')).toHaveAttribute(
      'data-work-order',
      order.workOrder,
    );
    await expect(this.batchPanel).toHaveAttribute('data-authorised', String(order.chips));
  }

  /**
   * Starts counting, in the page, how many tiles show a running fill at the same moment; read the
   * highest count with maxRunningTiles(). A MutationObserver sees every render, however short.
   */
  async watchConcurrentFills(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __maxRunningTiles: number };
      w.__maxRunningTiles = 0;
      const count = () => {
        const running = document.querySelectorAll(
          '.fill-readers [data-testid^="reader-"][data-reader][data-state="running"]',
        ).length;
        w.__maxRunningTiles = Math.max(w.__maxRunningTiles, running);
      };
      new MutationObserver(count).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-state'],
      });
      count();
    });
  }

  maxRunningTiles(): Promise<number> {
    return this.page.evaluate(
      () => (window as unknown as { __maxRunningTiles?: number }).__maxRunningTiles ?? 0,
    );
  }

  /** A supervisor authorises one re-fill from the failed tile's button, with a reason. */
  async authoriseRefillFromTile(reader: string, serial: string, reason: string): Promise<void> {
    await this.tile(reader).getByTestId('reader-authorise-refill').click();
    await expect(this.page.getByTestId('refill-serial')).toHaveValue(serial);
    await expect(this.page.getByTestId('refill-reason')).toBeFocused();
    await this.page.getByTestId('refill-reason').fill(reason);
    await this.page.getByTestId('refill-submit').click();
    await expect(this.page.getByTestId('refill-done')).toContainText(serial);
    await expect(
      this.page.locator(`[data-testid="refill-authorised"] [data-serial="${serial}"]`),
    ).toBeVisible();
  }

  /** Verifies the chip in a reader on the Verify screen and returns the report's locator. */
  async verify(reader: string): Promise<Locator> {
    await this.page.getByTestId('nav-verify').click();
    await expect(this.page.getByTestId('screen-verify')).toBeVisible();
    const choice = this.page.locator(`[data-testid^="verify-reader-"][data-reader="${reader}"]`);
    await expect(choice).toHaveAttribute('data-card', 'present');
    await choice.click();
    await expect(choice).toHaveAttribute('aria-pressed', 'true');
    await this.page.getByTestId('verify-button').click();
    const report = this.page.getByTestId('verify-report');
    await expect(report).toBeVisible({ timeout: 20_000 });
    return report;
  }
}
