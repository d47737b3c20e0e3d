import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, Public } from '@suite/platform';
import { SUPPORT_OPTIONS, type SupportOptions } from '../support-options.js';
import { readWidgetAssets, type WidgetAssets } from './widget-assets.js';
import type { SupportConfig } from '../support.config.js';

interface HeaderReply {
  header(name: string, value: string): unknown;
}

// The embeddable widget and a demo page that embeds it; static, public, no external assets.
@ApiExcludeController()
@Controller()
export class WidgetController {
  private assets: WidgetAssets | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: SupportConfig,
    @Inject(SUPPORT_OPTIONS) private readonly options: SupportOptions,
  ) {}

  private get files(): WidgetAssets {
    this.assets ??= readWidgetAssets({
      maxImageBytes: this.config.INVOICE_MAX_IMAGE_BYTES,
      stage: this.options.stage,
    });
    return this.assets;
  }

  @Get()
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  demoPage(): string {
    return this.files.demoPage;
  }

  @Get('widget.js')
  @Public()
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  widgetScript(@Res({ passthrough: true }) reply: HeaderReply): string {
    // Other sites load this script: helmet's same-origin resource policy would block them.
    reply.header('cross-origin-resource-policy', 'cross-origin');
    return this.files.script;
  }

  // Browsers ask every origin for /favicon.ico; an empty answer keeps a 404 out of their consoles
  // (the demo page links its own icon).
  @Get('favicon.ico')
  @Public()
  @HttpCode(204)
  @Header('cache-control', 'public, max-age=86400')
  favicon(): void {}
}
