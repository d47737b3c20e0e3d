// Receipts from the widget (stage 3) in Chromium against the real app, OCR and field models: a file
// over the limit the service serves is refused before any upload, a pasted image is previewed and can
// be removed, and a real SROIE receipt dropped onto the panel is sent and answered in the thread.
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import { FIXTURES } from './fixtures/bad-images.js';
import {
  CHROMIUM,
  CHROMIUM_FLAGS,
  isFocused,
  runAxe,
  saveScreenshot,
  seriousOrWorse,
} from './widget-browser.js';

// The page's DOM classes (the test code is typed for Node, without the DOM library).
interface BrowserGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
  ClipboardEvent: new (type: string, init: object) => Event;
}

// Lower than the 10 MiB default so that the test shows the widget reads the service's own limit.
const MAX_IMAGE_BYTES = 150_000;

describe('chat widget attachments in Chromium (stage 3)', () => {
  let sut: TestApp;
  let browser: Browser;
  let base: string;
  let chatKey: string;
  let receipt: Buffer;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP, {
      BOT_STAGE: '3',
      INVOICE_MAX_IMAGE_BYTES: String(MAX_IMAGE_BYTES),
    });
    await sut.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(sut.server.address() as AddressInfo).port}`;
    // The bank's integration loads the customer's transactions with the widget's tenant key.
    chatKey = await sut.createKey('support', ['support:chat', 'support:transactions']);
    await request(sut.server)
      .post('/v1/customers/cust-42/transactions')
      .set('x-api-key', chatKey)
      .send({
        transactions: [
          {
            externalId: 'TX-900',
            merchant: 'SYL ROASTED DELIGHTS',
            amount: '64.50',
            currency: 'MYR',
            occurredOn: '2018-03-06',
          },
        ],
      })
      .expect(201);
    receipt = await readFile(join(FIXTURES, 'receipt-syl-roasted.jpg'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  // A File in the page, carried by a DataTransfer as a drop or a paste would carry it.
  const fileTransfer = (page: Page, bytes: Buffer, name: string, type: string) =>
    page.evaluateHandle(
      ({ b64, name, type }) => {
        const raw = atob(b64);
        const data = new Uint8Array(raw.length);
        for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
        const dom = globalThis as unknown as BrowserGlobals;
        const transfer = new dom.DataTransfer();
        transfer.items.add(new dom.File([data], name, { type }));
        return transfer;
      },
      { b64: bytes.toString('base64'), name, type },
    );

  it('refuses an oversized file before upload, previews a paste, and answers a dropped receipt', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // Console errors (a blocked preview image, for one) and failed responses fail the test.
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/attachments')) uploads.push(r.url());
    });
    await page.goto(`${base}/#key=${encodeURIComponent(chatKey)}&customer=cust-42`);
    await page.locator('[data-support-chat][data-ready="true"]').waitFor({ state: 'attached' });
    await page.locator('button.launcher').click();
    const attach = page.getByRole('button', { name: 'Attach an image' });
    expect(await attach.isVisible()).toBe(true);

    // The picker: a 200 kB photo is over the service's 150,000-byte limit and never leaves the page.
    // The picker, from the keyboard: Shift+Tab from the message box reaches the attach button.
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Shift+Tab');
    expect(await isFocused(page, 'button.attach')).toBe(true);
    await page.keyboard.press('Enter');
    await (
      await chooser
    ).setFiles({ name: 'big-photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(200_000, 1) });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'big-photo.jpg is 195.3 KB; the largest image we accept is 146.5 KB.',
    );

    // Paste: the image is previewed with its name and size, and can be removed again.
    const textarea = page.locator('textarea');
    const pasted = await fileTransfer(page, receipt, 'pasted.jpg', 'image/jpeg');
    await textarea.evaluate((el, clipboardData) => {
      const dom = globalThis as unknown as BrowserGlobals;
      el.dispatchEvent(new dom.ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    }, pasted);
    await page.locator('[data-support-chat][data-attachment="ready"]').waitFor({ state: 'attached' });
    expect(await page.locator('.preview .name').textContent()).toBe('Image to send: pasted.jpg, 119.2 KB');
    expect(await page.locator('.preview img').getAttribute('alt')).toBe('pasted.jpg');
    await page.getByRole('button', { name: 'Remove the image' }).click();
    expect(await page.locator('.preview').isHidden()).toBe(true);

    // Drop the receipt onto the panel: the drop hint shows while dragging; then preview, axe, Send.
    const panel = page.locator('.panel');
    const dropped = await fileTransfer(page, receipt, 'receipt.jpg', 'image/jpeg');
    await panel.dispatchEvent('dragenter', { dataTransfer: dropped });
    expect(await page.getByText('Drop the image to attach it').isVisible()).toBe(true);
    await panel.dispatchEvent('dragover', { dataTransfer: dropped });
    await panel.dispatchEvent('drop', { dataTransfer: dropped });
    expect(await page.getByText('Drop the image to attach it').isHidden()).toBe(true);
    await page.locator('[data-support-chat][data-attachment="ready"]').waitFor({ state: 'attached' });
    expect(seriousOrWorse(await runAxe(page, 'mobile-390-attachment-preview'))).toEqual([]);
    expect(uploads).toEqual([]);

    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('[data-support-chat][data-typing="true"]').waitFor({ state: 'attached' });
    expect(await page.locator('.typing-text').textContent()).toBe('Reading your image\u2026');
    // The customer's bubble shows the picture; the bot's reply, from the receipt reader, follows.
    const sent = page.locator('.msg.customer').last();
    await sent.waitFor({ timeout: 120_000 });
    expect(await sent.textContent()).toContain('Image sent');
    expect(await sent.locator('img').getAttribute('alt')).toBe('receipt.jpg');
    expect(
      await sent.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(623);
    const reply = page.locator('.msg.bot[data-answered-by="attachment"]');
    await reply.waitFor({ timeout: 120_000 });
    expect(await reply.textContent()).toMatch(/receipt/i);
    expect(uploads).toHaveLength(1);
    expect(await page.locator('.log .typing').count()).toBe(0);
    expect(seriousOrWorse(await runAxe(page, 'mobile-390-attachment-reply'))).toEqual([]);
    expect(problems).toEqual([]);
    await saveScreenshot(page, 'widget-mobile.png');
    await context.close();
  }, 240_000);
});
