import { jest } from '@jest/globals';
import { startProgress } from '../../src/commands/progress.js';

describe('progress line', () => {
  afterEach(() => jest.useRealTimers());

  test('on a terminal it appears after a second and is cleared at the end', () => {
    jest.useFakeTimers();
    const written: string[] = [];
    const progress = startProgress({ write: (s: string) => written.push(s), isTTY: true });
    progress.log('manifests: scanning 12 files');
    expect(written).toEqual([]);
    jest.advanceTimersByTime(1000);
    expect(written).toEqual(['\r\u001b[Kshiftguard: manifests: scanning 12 files (1s)']);
    progress.stop();
    expect(written[1]).toBe('\r\u001b[K');
  });

  test('a scan under a second, or a non-terminal, prints nothing', () => {
    jest.useFakeTimers();
    const written: string[] = [];
    const quick = startProgress({ write: (s: string) => written.push(s), isTTY: true });
    quick.stop();
    const piped = startProgress({ write: (s: string) => written.push(s), isTTY: false });
    jest.advanceTimersByTime(5000);
    piped.stop();
    expect(written).toEqual([]);
  });
});
