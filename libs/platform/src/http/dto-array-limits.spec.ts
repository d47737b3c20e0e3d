import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, ValidateNested } from 'class-validator';
import { arrayLimitProblem } from './dto-array-limits.js';

class RuleDto {
  @IsArray()
  @ArrayMaxSize(3)
  @IsString({ each: true })
  patterns: string[];
}

class RuleSetDto {
  @IsArray()
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => RuleDto)
  rules: RuleDto[];

  @ValidateNested()
  @Type(() => RuleDto)
  fallback: RuleDto;
}

describe('arrayLimitProblem', () => {
  it('names the first array longer than its @ArrayMaxSize, before any item is looked at', () => {
    const rules = Array.from({ length: 5000 }, () => ({ patterns: 'not even an array' }));
    expect(arrayLimitProblem(RuleSetDto, { rules })).toEqual({
      field: 'rules',
      messages: ['rules must contain no more than 2 elements'],
    });
  });

  it('follows @ValidateNested + @Type into items and nested objects', () => {
    expect(
      arrayLimitProblem(RuleSetDto, { rules: [{ patterns: [] }, { patterns: ['a', 'b', 'c', 'd'] }] }),
    ).toEqual({ field: 'rules.1.patterns', messages: ['patterns must contain no more than 3 elements'] });
    expect(
      arrayLimitProblem(RuleSetDto, { rules: [], fallback: { patterns: ['a', 'b', 'c', 'd'] } })?.field,
    ).toBe('fallback.patterns');
  });

  it('accepts arrays within their limits and leaves wrong types to the validator', () => {
    expect(arrayLimitProblem(RuleSetDto, { rules: [{ patterns: ['a', 'b', 'c'] }] })).toBeUndefined();
    expect(arrayLimitProblem(RuleSetDto, { rules: 'x', fallback: 3 })).toBeUndefined();
  });
});
