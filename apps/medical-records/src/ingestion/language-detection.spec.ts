import { detectLanguage, languageOfTag } from './language-detection.js';

describe('detectLanguage', () => {
  it('tells Spanish from English clinical text', () => {
    expect(detectLanguage('Paciente de 45 años que acude por dolor torácico y disnea.')).toBe('es');
    expect(detectLanguage('The patient was admitted with chest pain and shortness of breath.')).toBe('en');
  });

  it('defaults to English when there is nothing to go on', () => {
    expect(detectLanguage('12/05 140/90 HbA1c 7.2')).toBe('en');
    expect(detectLanguage('')).toBe('en');
  });
});

describe('languageOfTag', () => {
  it('reads the primary subtag', () => {
    expect(languageOfTag('es-ES')).toBe('es');
    expect(languageOfTag('en_US')).toBe('en');
    expect(languageOfTag('fr')).toBeUndefined();
  });
});
