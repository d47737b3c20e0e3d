// Stage 3 from the widget in a real browser (Debian's Chromium via playwright-core, as in
// widget.e2e-spec.ts): an image dropped on the chat panel is previewed, checked for size before any
// upload, sent to the real app (OCR and field models through libs/inference) and the bot's reply about
// the receipt appears in the thread.
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import { renderReceiptJpeg, syntheticReceipt } from '../src/invoices/synthetic-receipts.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'];

describe('widget receipt attachments in Chromium', () => {
  let sut: TestApp;
  let browser: Browser;
  let base: string;
  let chatKey: string;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP, { BOT_STAGE: '3' });
    await sut.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(sut.server.address() as AddressInfo).port}`;
    chatKey = await sut.createKey('support', ['support:chat']);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  /** Drops a file on the widget's panel, as a user dragging it from their desktop would. */
  async function dropFile(page: Page, bytes: Buffer, name: string, type: string): Promise<void> {
    const transfer = await page.evaluateHandle(
      ({ b64, fileName, mime }) => {
        const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        // Runs in the page: the DOM's DataTransfer (not in this project's TypeScript libs).
        const dom = globalThis as unknown as {
          DataTransfer: new () => { items: { add(file: File): void } };
        };
        const dt = new dom.DataTransfer();
        dt.items.add(new File([raw], fileName, { type: mime }));
        return dt;
      },
      { b64: bytes.toString('base64'), fileName: name, mime: type },
    );
    await page.locator('[data-support-chat] .panel').dispatchEvent('drop', { dataTransfer: transfer });
  }

  it('previews a dropped receipt, sends it and shows the stage-3 reply in the thread', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/#key=${encodeURIComponent(chatKey)}`);
    await page.locator('[data-support-chat][data-ready="true"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Chat with us' }).click();

    // Too large: refused in the browser, nothing uploaded.
    let uploads = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/attachments')) uploads++;
    });
    await dropFile(page, Buffer.alloc(11 * 1024 * 1024, 0xff), 'huge.jpg', 'image/jpeg');
    await page.locator('.msg.bot').filter({ hasText: 'too large' }).waitFor();
    expect(uploads).toBe(0);

    await dropFile(page, await renderReceiptJpeg(syntheticReceipt(0)), 'receipt.jpg', 'image/jpeg');
    await page.locator('[data-support-chat][data-image="ready"]').waitFor({ state: 'attached' });
    await page.getByAltText('Receipt to send').waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    const reply = page.locator('.msg.bot').filter({ hasText: 'receipt' }).last();
    await reply.waitFor({ timeout: 90_000 });
    expect(await page.locator('.msg.customer').last().textContent()).toContain('[image]');
    expect(await reply.textContent()).toMatch(/PRET A MANGER|total|receipt/i);
    expect(uploads).toBe(1);
    await page.close();
  }, 150_000);
});
