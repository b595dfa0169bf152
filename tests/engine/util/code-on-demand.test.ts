// The browser loaders' one mechanism (src/engine/util/code-on-demand.ts): fetched once, here afterwards, and
// fetched again only after a failure.
import { describe, expect, it } from 'vitest';
import { codeOnDemand } from '../../../src/engine/util/code-on-demand.ts';

describe('codeOnDemand', () => {
  it('fetches once, however often it is asked, and gives the code once it is here', async () => {
    let fetches = 0;
    const code = codeOnDemand(() => {
      fetches += 1;
      return Promise.resolve({ answer: 42 });
    });
    expect(code.now()).toBeNull();
    const [a, b] = await Promise.all([code.load(), code.load()]);
    expect(a).toBe(b);
    expect(code.now()).toBe(a);
    await code.load();
    expect(fetches).toBe(1);
  });

  it('after a failed fetch, the next load fetches again', async () => {
    let fetches = 0;
    const code = codeOnDemand(() => {
      fetches += 1;
      return fetches === 1 ? Promise.reject(new Error('offline')) : Promise.resolve('here');
    });
    await expect(code.load()).rejects.toThrow('offline');
    expect(code.now()).toBeNull();
    await expect(code.load()).resolves.toBe('here');
    expect(code.now()).toBe('here');
    expect(fetches).toBe(2);
  });
});
