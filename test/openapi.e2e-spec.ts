import { readFileSync } from 'node:fs';
import { renderOpenApiDocuments } from '../apps/cli/src/openapi-documents.js';

describe('committed OpenAPI documents', () => {
  it('match what the services generate (run `npm run openapi` after an API change)', async () => {
    const docs = await renderOpenApiDocuments();
    expect(docs.map((d) => d.app)).toEqual([
      'risk-scoring',
      'medical-records',
      'customer-service',
      'inference-server',
    ]);
    for (const { file, text } of docs) {
      expect(JSON.parse(text).paths['/v1/api-keys']).toBeDefined();
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
  });
});
