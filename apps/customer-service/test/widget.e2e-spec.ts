// The chat widget in a real browser: Debian's Chromium driven by playwright-core (no browser download),
// against the real app listening on a port. Opens the demo page, chats, sees the typing state and
// answers, is handed to an agent whose reply arrives live (unread badge while closed), survives a
// reload and a refused event stream, is checked with axe-core, and works themed, in Spanish and on the
// left when embedded on another (allow-listed) origin.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import {
  CHROMIUM,
  CHROMIUM_FLAGS,
  isFocused,
  newestMessageInView,
  runAxe,
  saveScreenshot,
  seriousOrWorse,
} from './widget-browser.js';

describe('chat widget in Chromium', () => {
  let sut: TestApp;
  let browser: Browser;
  let base: string;
  let chatKey: string;
  let agentKey: string;
  // A shop's page on another origin that embeds the widget. It is served from the loopback interface
  // too: Chromium's local network access rules stop a public page from loading 127.0.0.1 resources.
  let shop: Server;
  let shopOrigin: string;
  let otherOrigin: string;

  beforeAll(async () => {
    shop = createServer((req, res) => {
      const spanish = (req.url ?? '').includes('es');
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        spanish
          ? `<!doctype html><html lang="es"><head><title>Tienda</title><style>:root{--support-chat-primary:#0b6e4f;--support-chat-radius:4px}</style></head><body><main><h1>Tienda</h1></main><script src="${base}/widget.js" data-key="${chatKey}" data-locale="es" data-position="left" data-strings='{"close":"Cerrar la ayuda"}' data-open="true" async></script></body></html>`
          : `<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Shop</h1><script src="${base}/widget.js" data-key="${chatKey}" data-open="true" async></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    const shopPort = (shop.address() as AddressInfo).port;
    shopOrigin = `http://127.0.0.1:${shopPort}`;
    // Same server, another host name: another origin, not on the allow-list.
    otherOrigin = `http://localhost:${shopPort}`;
    sut = await startTestApp(AppModule, HTTP_APP, { BOT_STAGE: '2', SUPPORT_WIDGET_ORIGINS: shopOrigin });
    await sut.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(sut.server.address() as AddressInfo).port}`;
    chatKey = await sut.createKey('support', ['support:chat']);
    agentKey = await sut.createKey('support', ['support:agent']);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
    await new Promise((resolve) => shop?.close(resolve));
  });

  const bubbles = (page: Page, author: 'customer' | 'bot' | 'agent') => page.locator(`.msg.${author}`);
  const widget = (page: Page, state: string) =>
    page.locator(`[data-support-chat]${state}`).waitFor({ state: 'attached' });

  async function send(page: Page, text: string): Promise<void> {
    const box = page.locator('textarea');
    await box.fill(text);
    await box.press('Enter');
  }

  it('chats from the demo page: keyboard, typing, timestamps, handoff, unread agent reply, axe, reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // Every console error and failed response of the demo page (the favicon included) fails the test.
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(`${base}/#key=${encodeURIComponent(chatKey)}`);
    await widget(page, '[data-ready="true"]');

    // Keyboard only: focus the launcher, open with Enter (the launcher steps aside, the message box
    // gets focus), Escape closes and gives the focus back to the launcher.
    const launcher = page.locator('button.launcher');
    expect(await launcher.getAttribute('aria-label')).toBe('Chat with us');
    expect(await page.locator('h2').textContent()).toBe('Demo Bank support');
    await launcher.focus();
    await page.keyboard.press('Enter');
    expect(await isFocused(page, 'textarea')).toBe(true);
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    expect(await launcher.isHidden()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect(await isFocused(page, 'button.launcher')).toBe(true);
    await page.keyboard.press('Enter');

    // The typing bubble shows while the reply is on its way: the request is held until it has been seen.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/v1/conversations/*/messages', async (route) => {
      await held;
      await route.continue();
    });
    await send(page, 'How long does card delivery take?');
    await widget(page, '[data-typing="true"]');
    expect(await page.locator('.log .typing').isVisible()).toBe(true);
    expect(await page.locator('.typing-text').textContent()).toBe('Assistant is typing\u2026');
    release();
    await bubbles(page, 'bot').filter({ hasText: 'working days' }).first().waitFor();
    await page.unroute('**/v1/conversations/*/messages');
    expect(await page.locator('.log .typing').count()).toBe(0);
    const mine = bubbles(page, 'customer');
    expect(await mine.count()).toBe(1);
    expect(await mine.first().textContent()).toContain('How long does card delivery take?');
    // Every stored message carries its time.
    const seqs = await page.locator('.msg[data-seq]').count();
    expect(await page.locator('.msg[data-seq] time[datetime]').count()).toBe(seqs);

    // Clarification buttons are real buttons that send the chosen option.
    await send(page, 'I need a refund');
    const option = page
      .getByRole('group', { name: 'Suggested answers' })
      .getByRole('button', { name: 'asking for a refund' });
    await option.click();
    await bubbles(page, 'bot').filter({ hasText: 'Which shop or company' }).waitFor();

    // Handoff: the banner says a person will answer and where the customer is in the queue; it sits
    // above the conversation, never over it, and the newest message stays in view.
    await send(page, 'I want to talk to a human');
    await widget(page, '[data-status="waiting_for_agent"]');
    const banner = page.getByRole('status');
    expect(await banner.textContent()).toContain('Waiting for a person');
    expect(await banner.textContent()).toContain('number 1 in the queue');
    const bannerBox = (await banner.boundingBox())!;
    const logBox = (await page.locator('.log').boundingBox())!;
    expect(bannerBox.y + bannerBox.height).toBeLessThanOrEqual(logBox.y + 0.5);
    for (let i = 0; i < 4; i++) await sendAndWait(page, `Still there? (${i})`);
    expect(await newestMessageInView(page)).toBe(true);

    const axeDesktop = await runAxe(page, 'desktop-waiting');
    expect(seriousOrWorse(axeDesktop)).toEqual([]);

    // The customer closes the panel; an agent claims the conversation and answers. The reply arrives
    // live and the launcher shows it unread until the panel is opened again.
    await page.getByRole('button', { name: 'Close chat' }).click();
    const queue = await request(sut.server).get('/v1/handoffs').set('x-api-key', agentKey);
    const handoffId = queue.body.items[0].id as string;
    await request(sut.server).post(`/v1/handoffs/${handoffId}/claim`).set('x-api-key', agentKey).expect(200);
    await request(sut.server)
      .post(`/v1/handoffs/${handoffId}/messages`)
      .set('x-api-key', agentKey)
      .send({ text: 'Hi, Sam here from the support team. I can see your delivery.', agentName: 'Sam' })
      .expect(201);
    await page.locator('.launcher .badge:not([hidden])').waitFor();
    expect(await page.locator('.launcher .badge').textContent()).toBe('1');
    expect(await launcher.getAttribute('aria-label')).toBe('Chat with us, 1 unread');
    await launcher.click();
    expect(await page.locator('.launcher .badge').isHidden()).toBe(true);
    const agent = bubbles(page, 'agent').filter({ hasText: 'Sam here' });
    // The name the agent replied under, delivered over the event stream.
    expect(await agent.locator('.who').textContent()).toBe('Sam');
    await widget(page, '[data-status="with_agent"]');
    expect(await newestMessageInView(page)).toBe(true);
    await saveScreenshot(page, 'widget-desktop.png');

    // A reload continues the same conversation.
    const before = await page.locator('.msg[data-seq]').count();
    await page.reload();
    await widget(page, '[data-ready="true"]');
    await bubbles(page, 'agent').filter({ hasText: 'Sam here' }).waitFor();
    // …and the name again from GET conversation after the reload.
    expect(await bubbles(page, 'agent').filter({ hasText: 'Sam here' }).locator('.who').textContent()).toBe(
      'Sam',
    );
    expect(await page.locator('.msg[data-seq]').count()).toBe(before);
    expect(await newestMessageInView(page)).toBe(true);
    expect(problems).toEqual([]);
    // Pages without their own icon ask the service's origin; the answer is empty, not a 404.
    await request(sut.server).get('/favicon.ico').expect(204);
    await context.close();
  });

  async function sendAndWait(page: Page, text: string): Promise<void> {
    const count = await page.locator('.msg[data-seq]').count();
    await send(page, text);
    await page
      .locator(`.msg[data-seq]`)
      .nth(count + 1)
      .waitFor();
  }

  it('reconnects a refused event stream with backoff and then receives live messages', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let refusals = 0;
    await page.route('**/v1/conversations/*/events*', async (route) => {
      if (refusals < 2) {
        refusals++;
        await route.fulfill({ status: 503, body: '{}', contentType: 'application/json' });
      } else await route.continue();
    });
    await page.goto(`${base}/#key=${encodeURIComponent(chatKey)}`);
    await widget(page, '[data-ready="true"]');
    const started = page.waitForResponse((r) => r.url().endsWith('/v1/conversations') && r.status() === 201);
    await page.locator('button.launcher').click();
    await send(page, 'How do I change my PIN?');
    const id = ((await (await started).json()) as { id: string }).id;
    await widget(page, '[data-stream="reconnecting"]');
    expect(await page.getByRole('status').textContent()).toContain('reconnecting');
    // Two refusals: about 1 s, then about 2 s of backoff before the stream opens.
    await page
      .locator('[data-support-chat][data-stream="open"]')
      .waitFor({ state: 'attached', timeout: 15_000 });
    expect(refusals).toBe(2);
    expect(await page.getByRole('status').isHidden()).toBe(true);

    // A message posted elsewhere (another tab) reaches this one over the reopened stream.
    await request(sut.server)
      .post(`/v1/conversations/${id}/messages`)
      .set('x-api-key', chatKey)
      .send({ text: 'How long does card delivery take?' })
      .expect(201);
    await bubbles(page, 'bot').filter({ hasText: 'working days' }).waitFor();
    await context.close();
  });

  it('works themed, in Spanish and on the left on an allow-listed origin (axe at 390 px), and is refused on any other', async () => {
    const embed = async (origin: string, path = '/help', width = 1280): Promise<Page> => {
      const page = await (await browser.newContext({ viewport: { width, height: 844 } })).newPage();
      await page.goto(`${origin}${path}`);
      await widget(page, '[data-ready="true"]');
      return page;
    };

    const allowed = await embed(shopOrigin);
    await send(allowed, 'How do I change my PIN?');
    await bubbles(allowed, 'bot').filter({ hasText: 'PIN' }).waitFor();
    await allowed.context().close();

    const spanish = await embed(shopOrigin, '/ayuda-es', 1280);
    // Spanish words, one of them replaced by the page; the header keeps the default title.
    expect(await spanish.locator('h2').textContent()).toBe('Soporte');
    await spanish.getByRole('button', { name: 'Cerrar la ayuda' }).click();
    const launcher = spanish.locator('button.launcher');
    expect(await launcher.textContent()).toContain('Chatea con nosotros');
    const box = (await launcher.boundingBox())!;
    expect(box.x).toBeLessThan(100);
    expect(
      await launcher.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor),
    ).toBe('rgb(11, 110, 79)');
    await spanish.setViewportSize({ width: 390, height: 844 });
    await launcher.click();
    expect(await spanish.getByLabel('Tu mensaje').isVisible()).toBe(true);
    const panel = (await spanish.locator('.panel').boundingBox())!;
    expect(panel.width).toBe(390);
    await send(spanish, 'How do I change my PIN?');
    await bubbles(spanish, 'bot').filter({ hasText: 'PIN' }).waitFor();
    expect(await bubbles(spanish, 'customer').locator('.who').textContent()).toBe('T\u00fa');
    const axeMobile = await runAxe(spanish, 'mobile-390-es');
    expect(seriousOrWorse(axeMobile)).toEqual([]);
    await spanish.context().close();

    const refused = await embed(otherOrigin);
    await send(refused, 'How do I change my PIN?');
    await bubbles(refused, 'bot').filter({ hasText: 'could not be sent' }).waitFor();
    await refused.context().close();
  });
});
