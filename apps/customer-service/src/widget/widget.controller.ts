import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@suite/platform';
import { readWidgetAssets, type WidgetAssets } from './widget-assets.js';

interface HeaderReply {
  header(name: string, value: string): unknown;
}

// The embeddable widget and a demo page that embeds it; static, public, no external assets.
@ApiExcludeController()
@Controller()
export class WidgetController {
  private assets: WidgetAssets | undefined;

  private get files(): WidgetAssets {
    this.assets ??= readWidgetAssets();
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
}
