import { Module } from '@nestjs/common';
import { PlatformModule } from '@suite/platform';

@Module({
  imports: [PlatformModule.forService({ service: 'risk' })],
})
export class AppModule {}
