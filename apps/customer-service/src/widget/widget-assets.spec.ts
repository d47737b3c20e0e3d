import { readWidgetAssets, settleWidgetScript } from './widget-assets.js';

describe('widget assets', () => {
  it('serves one closure with the words and styles before the widget, told the limits of this deployment', () => {
    const sut = readWidgetAssets({ maxImageBytes: 150_000, stage: 3 });
    expect(sut.script.startsWith('(function () {')).toBe(true);
    expect(sut.script.indexOf('var SUPPORT_CHAT_STRINGS')).toBeLessThan(
      sut.script.indexOf('supportChatWidget'),
    );
    expect(sut.script.indexOf('var SUPPORT_CHAT_CSS')).toBeLessThan(sut.script.indexOf('supportChatWidget'));
    expect(sut.script).toContain('/*MAX_IMAGE_BYTES*/ 150000');
    expect(sut.script).toContain('/*BOT_STAGE*/ 3');
    expect(sut.script).not.toContain('/*MAX_IMAGE_BYTES*/ 10485760');
    expect(sut.demoPage).toContain('rel="icon"');
  });

  it('leaves a script without the markers unchanged', () => {
    expect(settleWidgetScript('var x = 1;', { maxImageBytes: 1, stage: 1 })).toBe('var x = 1;');
  });
});
