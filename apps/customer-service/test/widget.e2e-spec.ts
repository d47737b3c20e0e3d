// The chat widget in a real browser: Debian's Chromium driven by playwright-core (no browser download),
// against the real app listening on a port. Opens the demo page, chats, sees the typing state and
// answers, is handed to an agent whose reply arrives live, survives a reload, and works when embedded
// on another (allow-listed) origin.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
    shop = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        `<!doctype html><html><body><h1>Shop</h1><script src="${base}/widget.js" data-key="${chatKey}" data-open="true" async></script></body></html>`,
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

  async function send(page: Page, text: string): Promise<void> {
    const box = page.getByLabel('Your message');
    await box.fill(text);
    await box.press('Enter');
  }

  it('chats from the demo page: keyboard, typing state, answers, handoff, live agent reply, reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/#key=${encodeURIComponent(chatKey)}`);
    await page.locator('[data-support-chat][data-ready="true"]').waitFor({ state: 'attached' });

    // Keyboard only: focus the launcher, open with Enter, the message box gets focus, Escape closes.
    const launcher = page.getByRole('button', { name: 'Chat with us' });
    await launcher.focus();
    await page.keyboard.press('Enter');
    await expectFocused(page, 'textarea');
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await expectFocused(page, 'button.launcher');
    await page.keyboard.press('Enter');

    // The typing state shows while the reply is on its way: the request is held until it has been seen.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/v1/conversations/*/messages', async (route) => {
      await held;
      await route.continue();
    });
    await send(page, 'How long does card delivery take?');
    await page.locator('[data-support-chat][data-typing="true"]').waitFor({ state: 'attached' });
    expect(await page.getByText('Assistant is typing').isVisible()).toBe(true);
    release();
    await bubbles(page, 'bot').filter({ hasText: 'working days' }).first().waitFor();
    await page.unroute('**/v1/conversations/*/messages');
    expect(await bubbles(page, 'customer').allTextContents()).toEqual([
      'YouHow long does card delivery take?',
    ]);

    // Clarification buttons are real buttons that send the chosen option.
    await send(page, 'I need a refund');
    const option = page
      .getByRole('group', { name: 'Suggested answers' })
      .getByRole('button', { name: 'asking for a refund' });
    await option.click();
    await bubbles(page, 'bot').filter({ hasText: 'Which shop or company' }).waitFor();

    // Handoff: the customer sees that a person will answer.
    await send(page, 'I want to talk to a human');
    await page.locator('[data-support-chat][data-status="waiting_for_agent"]').waitFor({ state: 'attached' });
    expect(await page.getByRole('status').textContent()).toContain('Waiting for a person');

    // An agent key claims the conversation and answers; the reply arrives in the open widget.
    const queue = await request(sut.server).get('/v1/handoffs').set('x-api-key', agentKey);
    const handoffId = queue.body.items[0].id as string;
    await request(sut.server).post(`/v1/handoffs/${handoffId}/claim`).set('x-api-key', agentKey).expect(200);
    await request(sut.server)
      .post(`/v1/handoffs/${handoffId}/messages`)
      .set('x-api-key', agentKey)
      .send({ text: 'Hi, Sam here from the support team.' })
      .expect(201);
    await bubbles(page, 'agent').filter({ hasText: 'Sam here' }).waitFor();
    await page.locator('[data-support-chat][data-status="with_agent"]').waitFor({ state: 'attached' });

    // A reload continues the same conversation.
    const before = await page.locator('.msg[data-seq]').count();
    await page.reload();
    await page.locator('[data-support-chat][data-ready="true"]').waitFor({ state: 'attached' });
    await bubbles(page, 'agent').filter({ hasText: 'Sam here' }).waitFor();
    expect(await page.locator('.msg[data-seq]').count()).toBe(before);
    await context.close();
  });

  it('works when embedded on an allow-listed origin, and is refused on any other', async () => {
    const embed = async (origin: string): Promise<Page> => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${origin}/help`);
      await page.locator('[data-support-chat][data-ready="true"]').waitFor({ state: 'attached' });
      return page;
    };

    const allowed = await embed(shopOrigin);
    await send(allowed, 'How do I change my PIN?');
    await bubbles(allowed, 'bot').filter({ hasText: 'PIN' }).waitFor();
    await allowed.context().close();

    const refused = await embed(otherOrigin);
    await send(refused, 'How do I change my PIN?');
    await bubbles(refused, 'bot').filter({ hasText: 'could not be sent' }).waitFor();
    await refused.context().close();
  });
});

// The widget lives in a shadow root: its focused element is the shadow root's activeElement.
interface WidgetDocument {
  querySelector(
    selector: string,
  ): { shadowRoot: { activeElement: { matches(s: string): boolean } | null } | null } | null;
}

async function expectFocused(page: Page, selector: string): Promise<void> {
  const focused = await page.evaluate((sel) => {
    const doc = (globalThis as unknown as { document: WidgetDocument }).document;
    return doc.querySelector('[data-support-chat]')?.shadowRoot?.activeElement?.matches(sel) ?? false;
  }, selector);
  expect(focused).toBe(true);
}
