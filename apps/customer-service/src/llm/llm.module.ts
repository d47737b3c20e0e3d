import { Module } from '@nestjs/common';
import { LlmDrafter } from './llm-drafter.js';

@Module({ providers: [LlmDrafter], exports: [LlmDrafter] })
export class LlmModule {}
