import { stratifiedSplit } from './stratified-split.js';

describe('stratifiedSplit', () => {
  const labels = [...Array<string>(80).fill('a'), ...Array<string>(20).fill('b'), 'c'];

  it('keeps class shares and leaves every class in train', () => {
    const sut = stratifiedSplit(labels, { devFraction: 0.25, seed: 7 });
    const count = (idx: number[], label: string): number => idx.filter((i) => labels[i] === label).length;
    expect([count(sut.dev, 'a'), count(sut.dev, 'b'), count(sut.dev, 'c')]).toEqual([20, 5, 0]);
    expect(count(sut.train, 'c')).toBe(1);
    expect([...sut.train, ...sut.dev].sort((x, y) => x - y)).toEqual(labels.map((_, i) => i));
    expect(sut.dev).toEqual([...sut.dev].sort((x, y) => x - y));
  });

  it('is deterministic for a seed and changes with it', () => {
    const first = stratifiedSplit(labels, { devFraction: 0.25, seed: 7 });
    expect(stratifiedSplit(labels, { devFraction: 0.25, seed: 7 })).toEqual(first);
    expect(stratifiedSplit(labels, { devFraction: 0.25, seed: 8 }).dev).not.toEqual(first.dev);
  });

  it('does not depend on the order in which classes first appear', () => {
    const flipped = [...labels.slice(80, 100), ...labels.slice(0, 80), 'c'];
    const a = stratifiedSplit(labels, { devFraction: 0.25, seed: 3 });
    const b = stratifiedSplit(flipped, { devFraction: 0.25, seed: 3 });
    // Class 'a' sits at rows 0..79 in one and 20..99 in the other; its picks must be the same rows.
    const devA = a.dev.filter((i) => labels[i] === 'a');
    expect(b.dev.filter((i) => flipped[i] === 'a')).toEqual(devA.map((i) => i + 20));
  });

  it('rejects a dev fraction of 1', () => {
    expect(() => stratifiedSplit(labels, { devFraction: 1, seed: 1 })).toThrow(RangeError);
  });
});
